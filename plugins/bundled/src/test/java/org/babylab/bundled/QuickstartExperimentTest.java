package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quickstart, run through the CLI exactly as a user runs it: everything trains, every
 * model is scored, and a second run reuses every step.
 */
class QuickstartExperimentTest {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) ran, (\\d+) reused, (\\d+) failed, (\\d+) skipped");

    @Test
    void quickstart_runs_end_to_end_then_reuses_every_step(@TempDir Path dir) throws Exception {
        Path yaml = CliRun.projectDir().resolve("experiments/quickstart.yaml");
        Path store = dir.resolve("store");

        CliRun first = CliRun.of("run", yaml.toString(), "--store", store.toString(), "--no-progress");
        assertEquals(0, first.exitCode(), first.transcript());
        Matcher m1 = summary(first);
        int ran = Integer.parseInt(m1.group(1));
        assertTrue(ran >= 5, "tokenizer, three models, the stage and the evaluations run: " + first.transcript());
        assertEquals("0", m1.group(3), first.transcript());

        JsonNode results = new ObjectMapper().readTree(dir.resolve("results/quickstart/results.json").toFile());
        String text = results.toString();
        for (String model : new String[] {"bigram", "trigram", "fourgram", "pretrain"}) {
            assertTrue(text.contains(model), "results name " + model + ": " + text);
        }

        CliRun second = CliRun.of("run", yaml.toString(), "--store", store.toString(), "--no-progress");
        assertEquals(0, second.exitCode(), second.transcript());
        Matcher m2 = summary(second);
        assertEquals("0", m2.group(1), "nothing runs again: " + second.transcript());
        assertEquals(String.valueOf(ran), m2.group(2), second.transcript());

        // The trained LLaMA leaves the store as a Hugging Face directory, and its entry is one command away.
        CliRun path = CliRun.of("path", yaml.toString(), "stage:pretrain", "--store", store.toString());
        assertEquals(0, path.exitCode(), path.transcript());
        assertTrue(Files.isRegularFile(Path.of(path.out().trim()).resolve("model.safetensors")), path.transcript());
        Path hf = dir.resolve("hf-export");
        CliRun export = CliRun.of("export", yaml.toString(), "stage:pretrain", hf.toString(), "--store", store.toString());
        assertEquals(0, export.exitCode(), export.transcript());
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "special_tokens_map.json", "generation_config.json"}) {
            assertTrue(Files.isRegularFile(hf.resolve(f)), f + " exported: " + export.transcript());
        }
        CliRun again = CliRun.of("export", yaml.toString(), "stage:pretrain", hf.toString(), "--store", store.toString());
        assertEquals(2, again.exitCode(), again.transcript());
        assertTrue(again.err().contains("is not empty"), again.transcript());
        CliRun notAModel = CliRun.of("export", yaml.toString(), "tokenizer:bpe", dir.resolve("x").toString(), "--store", store.toString());
        assertTrue(notAModel.err().contains("produces no model"), notAModel.transcript());
    }

    private static Matcher summary(CliRun run) {
        Matcher m = SUMMARY.matcher(run.out());
        assertTrue(m.find(), "a run summary line: " + run.transcript());
        return m;
    }
}
