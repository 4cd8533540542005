package org.babylab.plugins.instruct.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jerolba.carpet.CarpetWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.babylab.api.data.Dataset;
import org.babylab.testkit.TestStepContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstructionsDatasetTest {
    @TempDir
    Path dir;

    /** The shape of a CLASS_IT Parquet row. */
    record ClassItRow(String prompt, String reply, String source) {}

    private Dataset open(InstructionsConfig config) throws IOException {
        return new InstructionsFactory()
                .create(config, TestStepContext.builder(dir).build());
    }

    private static List<Map<String, Object>> records(Dataset d) {
        try (Stream<Map<String, Object>> s = d.records()) {
            return s.toList();
        }
    }

    private InstructionsConfig config(String path, RecordFormat format, List<String> source, Integer max) {
        return new InstructionsConfig(path, null, format, source, null, null, null, max);
    }

    @Test
    void jsonl_records_are_normalised_and_filtered_by_source() throws IOException {
        Files.writeString(dir.resolve("mix.jsonl"), """
                {"prompt": "hi", "reply": "hello", "source": "switchboard", "extra": 1}

                {"prompt": "what is a cat?", "reply": "an animal", "source": "simple_wiki"}
                {"prompt": "bye", "reply": "see you", "source": "switchboard", "text": "bye / see you"}
                """);
        List<Map<String, Object>> all = records(open(InstructionsConfig.of("mix.jsonl")));
        assertEquals(3, all.size());
        assertEquals(Map.of("prompt", "hi", "reply", "hello", "source", "switchboard"), all.get(0));

        Dataset switchboard = open(config("mix.jsonl", null, List.of("switchboard"), null));
        assertEquals(
                List.of("hi", "bye"),
                records(switchboard).stream().map(r -> r.get("prompt")).toList());
        try (Stream<String> texts = switchboard.texts()) {
            assertEquals(List.of("hi\nhello", "bye / see you"), texts.toList());
        }
        assertEquals(
                1,
                records(open(config("mix.jsonl", null, List.of("switchboard"), 1)))
                        .size());
    }

    @Test
    void parquet_rows_are_read_like_json_records() throws IOException {
        Path file = dir.resolve("switchboard.parquet");
        try (OutputStream out = Files.newOutputStream(file);
                CarpetWriter<ClassItRow> w = new CarpetWriter<>(out, ClassItRow.class)) {
            w.write(List.of(
                    new ClassItRow("how are you", "fine thanks", "switchboard"),
                    new ClassItRow("who wrote it", "a poet", "simple_wiki"),
                    new ClassItRow("and you", "good", "switchboard")));
        }
        Dataset d = open(config("*.parquet", null, List.of("switchboard"), null));
        assertEquals(
                List.of(
                        Map.of("prompt", "how are you", "reply", "fine thanks", "source", "switchboard"),
                        Map.of("prompt", "and you", "reply", "good", "source", "switchboard")),
                records(d));
    }

    @Test
    void a_record_missing_its_reply_is_reported_with_file_line_and_fields_present() throws IOException {
        Files.writeString(
                dir.resolve("bad.jsonl"),
                "{\"prompt\": \"a\", \"reply\": \"b\"}\n{\"prompt\": \"c\", \"answer\": \"d\"}\n");
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> records(open(InstructionsConfig.of("bad.jsonl"))));
        assertTrue(e.getMessage().contains("bad.jsonl:2"), e.getMessage());
        assertTrue(e.getMessage().contains("reply") && e.getMessage().contains("[prompt, answer]"), e.getMessage());
    }

    @Test
    void field_overrides_map_other_column_names() throws IOException {
        Files.writeString(
                dir.resolve("qa.jsonl"), "{\"question\": \"q\", \"answer\": \"a\", \"config\": \"simple_wiki\"}\n");
        Dataset d = open(new InstructionsConfig(
                "qa.jsonl", null, null, List.of("simple_wiki"), "question", "answer", "config", null));
        assertEquals(List.of(Map.of("prompt", "q", "reply", "a", "source", "simple_wiki")), records(d));
    }

    @Test
    void chat_and_preference_files_are_detected_from_their_first_record() throws IOException {
        Files.writeString(
                dir.resolve("chat.jsonl"),
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"hello\"}]}\n");
        Files.writeString(dir.resolve("pref.json"), """
                [
                  {"prompt": "*MOT: what is that ?", "chosen": "*CHI: a gun .", "rejected": "*CHI: you do it ."},
                  {"prompt": "p", "chosen": "c", "rejected": "r"}
                ]
                """);
        Map<String, Object> chat =
                records(open(InstructionsConfig.of("chat.jsonl"))).get(0);
        assertEquals(
                List.of(Map.of("role", "user", "content", "hi"), Map.of("role", "assistant", "content", "hello")),
                chat.get("messages"));
        List<Map<String, Object>> prefs = records(open(InstructionsConfig.of("pref.json")));
        assertEquals(2, prefs.size());
        assertEquals(Map.of("prompt", "p", "chosen", "c", "rejected", "r"), prefs.get(1));
    }

    @Test
    void a_chat_message_with_an_unknown_role_is_an_error_naming_the_line() throws IOException {
        Files.writeString(dir.resolve("chat.jsonl"), "{\"messages\": [{\"role\": \"child\", \"content\": \"hi\"}]}\n");
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> records(open(InstructionsConfig.of("chat.jsonl"))));
        assertTrue(e.getMessage().contains("chat.jsonl:1") && e.getMessage().contains("child"), e.getMessage());
    }

    @Test
    void the_fingerprint_follows_content_and_filter_not_paths() throws IOException {
        Files.writeString(dir.resolve("a.jsonl"), "{\"prompt\": \"a\", \"reply\": \"b\", \"source\": \"x\"}\n");
        Files.writeString(dir.resolve("b.jsonl"), "{\"prompt\": \"a\", \"reply\": \"b\", \"source\": \"x\"}\n");
        String a = open(InstructionsConfig.of("a.jsonl")).fingerprint();
        assertEquals(a, open(InstructionsConfig.of("b.jsonl")).fingerprint());
        assertNotEquals(a, open(config("a.jsonl", null, List.of("x"), null)).fingerprint());
    }

    @Test
    void a_glob_matching_an_unreadable_file_fails_when_the_files_are_listed() throws IOException {
        Files.writeString(dir.resolve("a.jsonl"), "{\"prompt\": \"a\", \"reply\": \"b\"}\n");
        Files.writeString(dir.resolve("README.md"), "about the data\n");
        IOException e = assertThrows(
                IOException.class, () -> new InstructionsFactory().inputFiles(InstructionsConfig.of("*"), dir));
        assertTrue(e.getMessage().contains("README.md") && e.getMessage().contains(".parquet"), e.getMessage());
    }

    @Test
    void config_needs_a_path() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new InstructionsConfig(null, null, null, null, null, null, null, null));
        assertTrue(e.getMessage().contains("path"), e.getMessage());
    }

    @Test
    void the_shared_dialogue_preference_triples_read_as_preference_records() throws IOException {
        Path shared = Path.of(System.getProperty("babylab.shared.dir", "../shared"), "data", "dialogue_dpo");
        Assumptions.assumeTrue(
                Files.isRegularFile(shared.resolve("train.json")),
                "../shared/data not present: skipping real-data test");
        Dataset d = new InstructionsFactory()
                .create(
                        InstructionsConfig.of(shared.resolve("train.json").toString()),
                        TestStepContext.builder(dir).build());
        List<Map<String, Object>> all = records(d);
        assertTrue(all.size() > 100, "expected many triples, got " + all.size());
        assertTrue(all.stream().allMatch(r -> r.keySet().containsAll(List.of("prompt", "chosen", "rejected"))));
    }
}
