package org.babylab.plugins.core.ngram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NgramPersistenceTest {
    private static final List<String> CORPUS = List.of(
            "the dog runs .",
            "the dog sleeps .",
            "a cat runs !",
            "the cat sees the dog .",
            "where is the ball ?",
            "the ball is red .",
            "look at the dog !",
            "the big dog runs .",
            "the cat runs .",
            "the dog sees a cat .");

    private static NgramModel saved(Path dir) throws IOException {
        NgramModel model = NgramModelTest.train(CORPUS, 3, 1);
        model.save(dir);
        return model;
    }

    @Test
    void a_loaded_model_gives_bit_identical_log_probs(@TempDir Path dir) throws IOException {
        NgramModel model = saved(dir);
        NgramModel back = NgramModel.load(dir);
        List<int[]> batch = new ArrayList<>();
        for (String s : List.of("the dog runs .", "a ball sees the red cat !", "zebra where")) {
            int[] ids = model.tokenizer().encode(s).ids();
            int[] seq = new int[ids.length + 1];
            seq[0] = WordTokenizer.BOS;
            System.arraycopy(ids, 0, seq, 1, ids.length);
            batch.add(seq);
        }
        List<double[]> expected = model.logProbs(batch);
        List<double[]> actual = back.logProbs(batch);
        for (int i = 0; i < batch.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i));
        }
        assertEquals(model.order(), back.order());
        assertEquals(model.discounts(2), back.discounts(2));
    }

    @Test
    void a_truncated_file_is_reported_as_truncated(@TempDir Path dir) throws IOException {
        saved(dir);
        Path file = dir.resolve(NgramFile.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        for (int keep : new int[] {10, 14, bytes.length / 2, bytes.length - 3}) {
            Files.write(file, java.util.Arrays.copyOf(bytes, keep));
            IOException e = assertThrows(IOException.class, () -> NgramModel.load(dir), "kept " + keep + " bytes");
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            assertTrue(
                    e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"),
                    "kept " + keep + ": " + e.getMessage());
        }
    }

    @Test
    void a_corrupted_byte_is_detected(@TempDir Path dir) throws IOException {
        saved(dir);
        Path file = dir.resolve(NgramFile.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> NgramModel.load(dir));
        assertTrue(
                e.getMessage().contains(NgramFile.FILE_NAME) && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void a_file_of_another_kind_or_version_names_what_was_expected(@TempDir Path dir) throws IOException {
        saved(dir);
        Path file = dir.resolve(NgramFile.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        Files.writeString(file, "{\"not\": \"a model\"}");
        IOException wrongKind = assertThrows(IOException.class, () -> NgramModel.load(dir));
        assertTrue(wrongKind.getMessage().contains("not a BabyLab n-gram model"), wrongKind.getMessage());

        bytes[11] = 9; // format version 9
        Files.write(file, bytes);
        IOException wrongVersion = assertThrows(IOException.class, () -> NgramModel.load(dir));
        assertTrue(
                wrongVersion.getMessage().contains("version 9")
                        && wrongVersion.getMessage().contains("reads version 1"),
                wrongVersion.getMessage());
    }

    @Test
    void counts_saved_with_another_vocabulary_are_refused(@TempDir Path dir) throws IOException {
        saved(dir);
        Files.writeString(
                dir.resolve(WordTokenizer.FILE_NAME),
                "#babylab-word-tokenizer v1 lowercase=false\n<unk>\n<s>\n</s>\ndog\n");
        IOException e = assertThrows(IOException.class, () -> NgramModel.load(dir));
        assertTrue(e.getMessage().contains("does not match the tokenizer"), e.getMessage());
    }

    @Test
    void a_missing_counts_file_is_reported(@TempDir Path dir) throws IOException {
        saved(dir);
        Files.delete(dir.resolve(NgramFile.FILE_NAME));
        IOException e = assertThrows(IOException.class, () -> NgramModel.load(dir));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}
