package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store never serves damaged results: each way an entry can be damaged (edited, garbled, deleted,
 * truncated, flipped, added files; evaluation metrics and trained models alike) is detected by
 * {@code results} and {@code run} against a real store, the entry is moved aside and recomputed,
 * and the table shows the true value again. Also {@code verify [--repair]} and {@code gc}.
 */
class DamagedStoreCliTest {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) ran, (\\d+) reused, (\\d+) failed, (\\d+) skipped");

    @TempDir
    static Path dir;

    static Path yaml;
    static Path pristine;
    static String table;

    @BeforeAll
    static void runOnce() throws Exception {
        Path data = CliRun.projectDir().resolve("experiments/data/quickstart");
        yaml = Files.writeString(dir.resolve("small.yaml"), """
                experiment: small
                datasets:
                  corpus: {type: text, paths: ["%s/corpus/train.txt"]}
                models:
                  bigram: {type: ngram, order: 2, train_on: corpus}
                evaluate:
                  on: [bigram]
                  with:
                    pairs: {type: minimal-pairs, path: "%s/eval/minimal_pairs"}
                """.formatted(data, data));
        pristine = dir.resolve("pristine");
        CliRun first = CliRun.of("run", yaml.toString(), "--store", pristine.toString(), "--no-progress");
        assertEquals(0, first.exitCode(), first.transcript());
        table = results(pristine).out();
    }

    private static CliRun results(Path store) {
        return CliRun.of("results", yaml.toString(), "--store", store.toString());
    }

    /** A copy of the pristine store to damage. */
    private static Path copy(String name) throws IOException {
        Path target = dir.resolve(name);
        try (Stream<Path> walk = Files.walk(pristine)) {
            for (Path p : walk.sorted().toList()) {
                Path t = target.resolve(pristine.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    /** The entry directory of the step whose name starts with {@code prefix}. */
    private static Path entry(Path store, String prefix) throws IOException {
        try (Stream<Path> walk = Files.walk(store.resolve("entries"), 3)) {
            for (Path meta : walk.filter(p -> p.getFileName().toString().equals("metadata.json"))
                    .toList()) {
                if (Files.readString(meta).contains("\"stepName\" : \"" + prefix)) {
                    return meta.getParent();
                }
            }
        }
        throw new AssertionError("no entry for " + prefix + " in " + store);
    }

    private static Path largestFile(Path output) throws IOException {
        try (Stream<Path> walk = Files.walk(output)) {
            return walk.filter(Files::isRegularFile)
                    .max(Comparator.comparingLong(p -> p.toFile().length()))
                    .orElseThrow();
        }
    }

    private interface Damage {
        void apply(Path store) throws Exception;
    }

    /**
     * Damages a copy of the store, then checks: {@code results} warns, names the damage and never
     * shows a wrong value; {@code run} recomputes exactly {@code recomputed} steps and reproduces the table.
     */
    private static void detectedAndRecomputed(String name, int recomputed, Damage damage) throws Exception {
        Path store = copy(name);
        damage.apply(store);

        CliRun seen = results(store);
        assertEquals(0, seen.exitCode(), name + ": " + seen.transcript());
        assertTrue(
                seen.err().contains("was damaged") && seen.err().contains("moved aside"),
                name + ": " + seen.transcript());
        assertFalse(
                seen.err().contains("internal error") || seen.err().contains("\tat "),
                name + ": no stack trace: " + seen.transcript());
        if (name.contains("metrics") || name.contains("evaluation")) {
            // A damaged model does not change the (intact) evaluation computed from it before.
            assertFalse(seen.out().equals(table), name + ": the damaged value is not shown:\n" + seen.out());
        }

        CliRun run = CliRun.of("run", yaml.toString(), "--store", store.toString(), "--no-progress");
        assertEquals(0, run.exitCode(), name + ": " + run.transcript());
        Matcher m = SUMMARY.matcher(run.out());
        assertTrue(m.find(), run.transcript());
        assertEquals(
                String.valueOf(recomputed),
                m.group(1),
                name + ": recomputed only the damaged step: " + run.transcript());
        assertEquals(table, results(store).out(), name + ": the results are the true ones again");
        try (Stream<Path> aside = Files.list(store.resolve("damaged"))) {
            assertEquals(1, aside.count(), name + ": the damaged entry is kept aside for inspection");
        }
    }

    @Test
    void an_edited_number_in_cached_metrics_is_detected_and_recomputed() throws Exception {
        detectedAndRecomputed("edited-metrics", 1, store -> {
            Path metrics = entry(store, "eval").resolve("output/metrics.json");
            String text = Files.readString(metrics);
            Matcher m = Pattern.compile("0\\.(\\d)").matcher(text);
            assertTrue(m.find(), text);
            int digit = Integer.parseInt(m.group(1));
            Files.writeString(
                    metrics, text.substring(0, m.start(1)) + (digit == 9 ? 1 : digit + 1) + text.substring(m.end(1)));
        });
    }

    @Test
    void a_garbled_metrics_file_is_detected_and_recomputed_without_an_internal_error() throws Exception {
        detectedAndRecomputed(
                "garbled-metrics",
                1,
                store -> Files.writeString(
                        entry(store, "eval").resolve("output/metrics.json"), "{\"metrics\": [garbage"));
    }

    @Test
    void a_deleted_metrics_file_is_detected_and_recomputed() throws Exception {
        detectedAndRecomputed(
                "deleted-metrics", 1, store -> Files.delete(entry(store, "eval").resolve("output/metrics.json")));
    }

    @Test
    void a_truncated_evaluation_metadata_file_is_detected_and_recomputed() throws Exception {
        detectedAndRecomputed("truncated-evaluation-metadata", 1, store -> {
            Path meta = entry(store, "eval").resolve("metadata.json");
            byte[] bytes = Files.readAllBytes(meta);
            Files.write(meta, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        });
    }

    @Test
    void a_flipped_byte_in_a_model_is_detected_and_the_model_recomputed() throws Exception {
        detectedAndRecomputed("flipped-model", 1, store -> {
            Path file = largestFile(entry(store, "model").resolve("output"));
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.seek(f.length() / 2);
                int b = f.read();
                f.seek(f.length() / 2);
                f.write(b ^ 0x01);
            }
        });
    }

    @Test
    void a_truncated_model_is_detected_and_recomputed() throws Exception {
        detectedAndRecomputed("truncated-model", 1, store -> {
            Path file = largestFile(entry(store, "model").resolve("output"));
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        });
    }

    @Test
    void a_file_added_to_an_entry_is_detected_and_recomputed() throws Exception {
        detectedAndRecomputed(
                "added-file",
                1,
                store -> Files.writeString(entry(store, "model").resolve("output/extra.bin"), "x"));
    }

    @Test
    void garbled_entry_metadata_is_detected_and_recomputed() throws Exception {
        detectedAndRecomputed(
                "garbled-metadata",
                1,
                store -> Files.writeString(entry(store, "model").resolve("metadata.json"), "not json"));
    }

    @Test
    void verify_names_damaged_entries_and_repair_moves_them_aside() throws Exception {
        Path store = copy("verify");
        Path metrics = entry(store, "eval").resolve("output/metrics.json");
        Files.writeString(metrics, Files.readString(metrics).replace("0.", "0.1"));

        CliRun check = CliRun.of("verify", "--store", store.toString());
        assertEquals(1, check.exitCode(), check.transcript());
        assertTrue(
                check.out().contains("output/metrics.json: content changed")
                        && check.out().contains("1 damaged"),
                check.transcript());

        CliRun repair = CliRun.of("verify", "--store", store.toString(), "--repair");
        assertEquals(0, repair.exitCode(), repair.transcript());
        CliRun again = CliRun.of("verify", "--store", store.toString());
        assertEquals(0, again.exitCode(), again.transcript());
        assertTrue(again.out().contains("1 intact, 0 damaged"), again.transcript());
    }

    @Test
    void store_that_is_a_file_is_a_user_error_naming_the_path() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-store"), "x");
        CliRun run = CliRun.of("plan", yaml.toString(), "--store", file.toString());
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(file.toString()) && run.err().contains("not a directory"), run.transcript());
        assertFalse(run.err().contains("\tat "), run.transcript());
    }

    @Test
    void gc_lists_what_no_experiment_references_and_deletes_it_only_when_asked() throws Exception {
        Path store = copy("gc");
        CliRun nothing = CliRun.of("gc", yaml.toString(), "--store", store.toString());
        assertEquals(0, nothing.exitCode(), nothing.transcript());
        assertTrue(nothing.out().contains("0 item(s)"), nothing.transcript());

        Path other = Files.writeString(
                dir.resolve("other.yaml"), Files.readString(yaml).replace("order: 2", "order: 3"));
        CliRun dry = CliRun.of("gc", other.toString(), "--store", store.toString());
        assertEquals(0, dry.exitCode(), dry.transcript());
        assertTrue(dry.out().contains("(model:bigram)") && dry.out().contains("dry run"), dry.transcript());
        assertTrue(Files.isDirectory(entry(store, "model")), "a dry run removes nothing");

        CliRun delete = CliRun.of("gc", other.toString(), "--store", store.toString(), "--delete");
        assertEquals(0, delete.exitCode(), delete.transcript());
        try (Stream<Path> walk = Files.walk(store.resolve("entries"))) {
            assertEquals(
                    List.of(),
                    walk.filter(p -> p.getFileName().toString().equals("metadata.json"))
                            .toList());
        }
    }
}
