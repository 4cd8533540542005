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
import org.babylab.api.model.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordTokenizerTest {
    private final WordTokenizer tokenizer =
            new WordTokenizer(List.of("<unk>", "<s>", "</s>", "the", "dog", "don't", ".", "?", "42", "café"), false);

    @Test
    void splits_words_numbers_and_punctuation_with_exact_offsets() {
        String text = "The dog don't  bark. 42?";
        Encoding e = tokenizer.encode(text);
        List<String> spans = new ArrayList<>();
        for (int i = 0; i < e.length(); i++) {
            spans.add(text.substring(e.starts()[i], e.ends()[i]));
        }
        assertEquals(List.of("The", "dog", "don't", "bark", ".", "42", "?"), spans);
        assertArrayEquals(
                new int[] {WordTokenizer.UNK, 4, 5, WordTokenizer.UNK, 6, 8, 7},
                e.ids(),
                "case-sensitive: 'The' is not 'the'; 'bark' is out of vocabulary");
    }

    @Test
    void lowercasing_changes_lookup_but_not_offsets() {
        WordTokenizer lower = new WordTokenizer(List.of("<unk>", "<s>", "</s>", "the", "café"), true);
        String text = "THE CAFÉ";
        Encoding e = lower.encode(text);
        assertArrayEquals(new int[] {3, 4}, e.ids());
        assertArrayEquals(new int[] {0, 4}, e.starts());
        assertArrayEquals(new int[] {3, 8}, e.ends());
    }

    @Test
    void decode_joins_with_spaces_and_drops_bos_and_eos_but_keeps_unk() {
        assertEquals("the dog <unk> .", tokenizer.decode(new int[] {1, 3, 4, 0, 6, 2}));
        assertEquals(0, tokenizer.encode(" \t\n ").length(), "white space alone has no token");
    }

    @Test
    void special_ids_are_fixed_and_looked_up_by_name() {
        assertEquals(WordTokenizer.BOS, tokenizer.bosId().getAsInt());
        assertEquals(WordTokenizer.EOS, tokenizer.eosId().getAsInt());
        assertEquals(WordTokenizer.UNK, tokenizer.tokenId("<unk>").getAsInt());
        assertTrue(tokenizer.tokenId("cat").isEmpty());
        assertArrayEquals(new int[] {0, 0, 0}, tokenizer.encode("<s>").ids(), "text never produces a special token");
    }

    @Test
    void save_then_load_gives_the_same_vocabulary(@TempDir Path dir) throws IOException {
        tokenizer.save(dir);
        WordTokenizer back = WordTokenizer.load(dir);
        assertEquals(tokenizer.vocabSize(), back.vocabSize());
        for (int id = 0; id < tokenizer.vocabSize(); id++) {
            assertEquals(tokenizer.token(id), back.token(id));
        }
        assertEquals(tokenizer.encode("The dog don't bark."), back.encode("The dog don't bark."));
    }

    @Test
    void a_vocabulary_file_with_a_duplicate_names_the_file(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve(WordTokenizer.FILE_NAME),
                "#babylab-word-tokenizer v1 lowercase=false\n<unk>\n<s>\n</s>\ndog\ndog\n");
        IOException e = assertThrows(IOException.class, () -> WordTokenizer.load(dir));
        assertTrue(
                e.getMessage().contains(WordTokenizer.FILE_NAME)
                        && e.getMessage().contains("'dog' appears twice"),
                e.getMessage());
    }

    @Test
    void a_missing_vocabulary_file_is_reported(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> WordTokenizer.load(dir));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}
