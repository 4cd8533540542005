package org.babylab.plugins.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.babylab.api.data.Dataset;
import org.babylab.testkit.TestStepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDatasetTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private Dataset open(TextDatasetConfig config) throws IOException {
        return new TextDatasetFactory()
                .create(config, TestStepContext.builder(dir).build());
    }

    private static TextDatasetConfig config(
            List<String> paths, TextFormat format, String field, DocumentUnit unit, Boolean lowercase, Integer max) {
        return new TextDatasetConfig(paths, format, field, unit, lowercase, max);
    }

    private static List<String> texts(Dataset d) {
        try (Stream<String> s = d.texts()) {
            return s.toList();
        }
    }

    @Test
    void globs_expand_sorted_across_directories_and_double_star_matches_no_directory_too() throws IOException {
        write("corpus/b.train", "b\n");
        write("corpus/a.train", "a\n");
        write("corpus/sub/c.train", "c\n");
        write("corpus/sub/deeper/d.train", "d\n");
        write("corpus/notes.md", "ignored\n");
        List<Path> files = new TextDatasetFactory().inputFiles(TextDatasetConfig.of("corpus/**/*.train"), dir);
        assertEquals(
                List.of("corpus/a.train", "corpus/b.train", "corpus/sub/c.train", "corpus/sub/deeper/d.train"),
                files.stream()
                        .map(p -> dir.toAbsolutePath().relativize(p).toString())
                        .toList());
        List<Path> flat = new TextDatasetFactory().inputFiles(TextDatasetConfig.of("corpus/*.train"), dir);
        assertEquals(2, flat.size());
    }

    @Test
    void several_double_stars_each_match_zero_or_more_directories() throws IOException {
        write("a/b/c.txt", "1\n");
        write("a/x/b/y/c.txt", "2\n");
        write("a/b/z/c.txt", "3\n");
        write("a/c.txt", "not under a b\n");
        List<Path> files = new TextDatasetFactory().inputFiles(TextDatasetConfig.of("a/**/b/**/*.txt"), dir);
        assertEquals(
                List.of("a/b/c.txt", "a/b/z/c.txt", "a/x/b/y/c.txt"),
                files.stream()
                        .map(p -> dir.toAbsolutePath().relativize(p).toString())
                        .toList());
    }

    @Test
    void patterns_keep_their_order_and_a_file_matched_twice_is_read_once() throws IOException {
        write("dev.txt", "dev\n");
        write("train.txt", "train\n");
        Dataset d = open(TextDatasetConfig.of("train.txt", "*.txt"));
        assertEquals(List.of("train", "dev"), texts(d));
    }

    @Test
    void a_pattern_matching_nothing_names_the_pattern_and_the_directory() throws IOException {
        write("corpus/a.txt", "a\n");
        IOException none = assertThrows(IOException.class, () -> open(TextDatasetConfig.of("corpus/*.train")));
        assertTrue(
                none.getMessage().contains("'corpus/*.train'")
                        && none.getMessage().contains(dir.resolve("corpus").toString()),
                none.getMessage());
        IOException noDir = assertThrows(IOException.class, () -> open(TextDatasetConfig.of("missing/*.txt")));
        assertTrue(noDir.getMessage().contains("does not exist"), noDir.getMessage());
        IOException noFile = assertThrows(IOException.class, () -> open(TextDatasetConfig.of("corpus/b.txt")));
        assertTrue(noFile.getMessage().contains("'corpus/b.txt'"), noFile.getMessage());
        IOException directory = assertThrows(IOException.class, () -> open(TextDatasetConfig.of("corpus")));
        assertTrue(directory.getMessage().contains("corpus/**"), directory.getMessage());
    }

    @Test
    void line_unit_yields_each_non_blank_line_stripped() throws IOException {
        write("a.train", "*CHI: hello .\n\n   \n  look at the dog !  \r\nlast line without newline");
        assertEquals(
                List.of("*CHI: hello .", "look at the dog !", "last line without newline"),
                texts(open(TextDatasetConfig.of("a.train"))));
    }

    @Test
    void paragraph_unit_joins_lines_between_blank_lines() throws IOException {
        write("a.txt", "\n\nfirst line\nsecond line\n\n\nthird\n");
        Dataset d = open(config(List.of("a.txt"), null, null, DocumentUnit.PARAGRAPH, null, null));
        assertEquals(List.of("first line\nsecond line", "third"), texts(d));
    }

    @Test
    void file_unit_yields_whole_files_and_skips_blank_ones() throws IOException {
        write("a.txt", "one\n\ntwo\n");
        write("b.txt", "  \n\n");
        write("c.txt", "three");
        Dataset d = open(config(List.of("*.txt"), null, null, DocumentUnit.FILE, null, null));
        assertEquals(List.of("one\n\ntwo", "three"), texts(d));
    }

    @Test
    void lowercase_and_max_examples_apply_across_files() throws IOException {
        write("a.txt", "The DOG\nA Cat\n");
        write("b.txt", "İstanbul\nmore\n");
        Dataset d = open(config(List.of("*.txt"), null, null, null, true, 3));
        assertEquals(List.of("the dog", "a cat", "i̇stanbul"), texts(d));
    }

    @Test
    void jsonl_records_are_decoded_and_texts_read_the_text_field() throws IOException {
        write(
                "qa.jsonl",
                "{\"prompt\": \"what do cows eat ?\", \"reply\": \"grass .\", \"n\": 3}\n\n{\"prompt\": \"why ?\", \"reply\": \"because .\", \"n\": null}\n");
        Dataset d = open(config(List.of("qa.jsonl"), null, "prompt", null, null, null));
        assertEquals(List.of("what do cows eat ?", "why ?"), texts(d));
        try (Stream<Map<String, Object>> records = d.records()) {
            List<Map<String, Object>> all = records.toList();
            assertEquals("grass .", all.get(0).get("reply"));
            assertEquals(3, ((Number) all.get(0).get("n")).intValue());
            assertTrue(all.get(1).containsKey("n") && all.get(1).get("n") == null);
        }
    }

    @Test
    void plain_text_records_have_a_text_field() throws IOException {
        write("a.txt", "hello\n");
        try (Stream<Map<String, Object>> records =
                open(TextDatasetConfig.of("a.txt")).records()) {
            assertEquals(List.of(Map.of("text", "hello")), records.toList());
        }
    }

    @Test
    void a_json_array_file_is_read_as_records() throws IOException {
        write(
                "dpo.json",
                "[\n  {\"prompt\": \"*MOT: what is that ?\",\n   \"chosen\": \"*CHI: a dog .\"},\n  {\"prompt\": \"*MOT: pull .\", \"chosen\": \"*CHI: no .\"}\n]\n");
        Dataset d = open(config(List.of("dpo.json"), null, "chosen", null, null, null));
        assertEquals(List.of("*CHI: a dog .", "*CHI: no ."), texts(d));
    }

    @Test
    void malformed_json_names_file_and_line() throws IOException {
        Path file = write("bad.jsonl", "{\"text\": \"ok\"}\n{\"text\": \"broken\"\n{\"text\": \"never read\"}\n");
        Dataset d = open(TextDatasetConfig.of("bad.jsonl"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> texts(d));
        assertTrue(e.getMessage().startsWith(file + ":2: invalid JSON: "), e.getMessage());
    }

    @Test
    void a_record_without_the_text_field_names_file_line_field_and_fields_present() throws IOException {
        Path file = write("a.jsonl", "{\"text\": \"ok\"}\n{\"sentence_good\": \"x\", \"sentence_bad\": \"y\"}\n");
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> texts(open(TextDatasetConfig.of("a.jsonl"))));
        assertTrue(
                e.getMessage().startsWith(file + ":2:")
                        && e.getMessage().contains("no field 'text'")
                        && e.getMessage().contains("[sentence_good, sentence_bad]"),
                e.getMessage());
    }

    @Test
    void a_json_line_that_is_not_an_object_or_has_a_non_string_text_is_an_error() throws IOException {
        Path file = write("a.jsonl", "[1, 2]\n");
        UncheckedIOException array =
                assertThrows(UncheckedIOException.class, () -> texts(open(TextDatasetConfig.of("a.jsonl"))));
        assertTrue(
                array.getMessage().startsWith(file + ":1:")
                        && array.getMessage().contains("got an array"),
                array.getMessage());
        Path numbers = write("b.jsonl", "{\"text\": 12}\n");
        UncheckedIOException number =
                assertThrows(UncheckedIOException.class, () -> texts(open(TextDatasetConfig.of("b.jsonl"))));
        assertTrue(
                number.getMessage().startsWith(numbers + ":1:")
                        && number.getMessage().contains("a number"),
                number.getMessage());
    }

    @Test
    void invalid_utf8_names_file_and_line() throws IOException {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> texts(open(TextDatasetConfig.of("latin1.txt"))));
        assertTrue(e.getMessage().startsWith(file + ":2: not valid UTF-8"), e.getMessage());
    }

    @Test
    void streams_are_lazy_and_release_files_when_closed() throws IOException {
        Path file = write("a.txt", "one\ntwo\nthree\n");
        Dataset d = open(TextDatasetConfig.of("a.txt"));
        try (Stream<String> s = d.texts()) {
            Iterator<String> it = s.iterator();
            assertEquals("one", it.next());
        }
        // The dataset is re-readable, and a partly read stream left its file closed (deletable on every OS).
        assertEquals(List.of("one", "two", "three"), texts(d));
        Files.delete(file);
        UncheckedIOException gone = assertThrows(UncheckedIOException.class, () -> texts(d));
        assertTrue(gone.getMessage().contains(file.toString()), gone.getMessage());
    }

    @Test
    void fingerprint_depends_on_content_and_options_but_not_on_paths() throws IOException {
        write("x/a.txt", "the dog\n");
        write("y/other-name.txt", "the dog\n");
        String first = open(TextDatasetConfig.of("x/a.txt")).fingerprint();
        assertEquals(first, open(TextDatasetConfig.of("x/a.txt")).fingerprint(), "stable");
        assertEquals(
                first,
                open(TextDatasetConfig.of("y/other-name.txt")).fingerprint(),
                "same content elsewhere is the same data");
        assertNotEquals(
                first,
                open(config(List.of("x/a.txt"), null, null, null, true, null)).fingerprint(),
                "lowercase changes what is read");
        assertNotEquals(
                first,
                open(config(List.of("x/a.txt"), null, null, DocumentUnit.FILE, null, null))
                        .fingerprint());
        write("x/a.txt", "the dog!\n");
        assertNotEquals(first, open(TextDatasetConfig.of("x/a.txt")).fingerprint(), "content change");
        assertEquals(64, first.length());
    }

    @Test
    void fingerprint_depends_on_file_order() throws IOException {
        write("a.txt", "a\n");
        write("b.txt", "b\n");
        assertNotEquals(
                open(TextDatasetConfig.of("a.txt", "b.txt")).fingerprint(),
                open(TextDatasetConfig.of("b.txt", "a.txt")).fingerprint());
    }

    @Test
    void config_rejects_bad_values_naming_the_key() {
        IllegalArgumentException noPaths =
                assertThrows(IllegalArgumentException.class, () -> config(List.of(), null, null, null, null, null));
        assertTrue(noPaths.getMessage().startsWith("paths"), noPaths.getMessage());
        IllegalArgumentException max =
                assertThrows(IllegalArgumentException.class, () -> config(List.of("a"), null, null, null, null, 0));
        assertTrue(max.getMessage().contains("max_examples") && max.getMessage().contains("0"), max.getMessage());
        IllegalArgumentException unit = assertThrows(
                IllegalArgumentException.class,
                () -> config(List.of("a"), TextFormat.JSONL, null, DocumentUnit.PARAGRAPH, null, null));
        assertTrue(unit.getMessage().contains("paragraph"), unit.getMessage());
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> TextFormat.parse("xml"));
        assertEquals("format 'xml' is not one of auto, text, jsonl", format.getMessage());
        assertEquals(DocumentUnit.PARAGRAPH, DocumentUnit.parse("Paragraph"));
    }

    @Test
    void real_babylm_jsonl_reads_with_a_custom_text_field() throws IOException {
        Path shared = Path.of(
                System.getProperty("babylab.shared.dir", "../shared"),
                "data",
                "babylm2025_full_eval",
                "blimp_filtered");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isDirectory(shared), "../shared/data not present: skipping real-data test");
        TextDatasetConfig config = new TextDatasetConfig(
                List.of(shared.resolve("anaphor_number_agreement.jsonl").toString()),
                null,
                "sentence_good",
                null,
                null,
                null);
        List<String> texts = texts(new TextDatasetFactory()
                .create(config, TestStepContext.builder(dir).build()));
        assertTrue(texts.size() > 100, "got " + texts.size());
        assertTrue(texts.stream().allMatch(t -> !t.isBlank()));
    }
}
