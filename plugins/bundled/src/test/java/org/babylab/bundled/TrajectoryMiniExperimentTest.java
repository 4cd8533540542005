package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code experiments/trajectory-mini.yaml}: kept checkpoints by words seen and per epoch, addressed as
 * {@code pretrain@*}; an unknown checkpoint is refused at plan time with its place in the file; and
 * extending training recomputes only the new checkpoints and their evaluations.
 */
class TrajectoryMiniExperimentTest {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) ran, (\\d+) reused, (\\d+) failed, (\\d+) skipped");

    @TempDir
    Path dir;

    private static Path yaml() {
        return CliRun.projectDir().resolve("experiments/trajectory-mini.yaml");
    }

    @Test
    void plans_one_step_and_one_evaluation_per_kept_checkpoint() {
        CliRun plan = CliRun.of(
                "plan", yaml().toString(), "--store", dir.resolve("store").toString());
        assertEquals(0, plan.exitCode(), plan.transcript());
        for (String kept : new String[] {"25K", "50K", "100K", "150K", "300K", "epoch-1", "epoch-2"}) {
            assertTrue(plan.out().contains("stage:pretrain@" + kept + " "), kept + ": " + plan.out());
            assertTrue(plan.out().contains("eval:minimal-pairs on pretrain@" + kept + " "), kept + ": " + plan.out());
        }
        assertTrue(!plan.out().contains("pretrain@450K"), "2 epochs of 155,618 words do not reach 450K: " + plan.out());
        CliRun longer = CliRun.of(
                "plan",
                yaml().toString(),
                "--store",
                dir.resolve("store").toString(),
                "--set",
                "stages.pretrain.epochs=3");
        assertTrue(
                longer.out().contains("stage:pretrain@450K ") && longer.out().contains("stage:pretrain@epoch-3 "),
                longer.transcript());
    }

    @Test
    void an_unknown_checkpoint_is_an_error_at_its_place_listing_the_kept_ones() {
        CliRun plan = CliRun.of(
                "plan",
                yaml().toString(),
                "--store",
                dir.resolve("store").toString(),
                "--set",
                "evaluate.on=[pretrain@11K]");
        assertEquals(2, plan.exitCode(), plan.transcript());
        assertTrue(plan.err().contains("keeps no checkpoint '11K'"), plan.transcript());
        assertTrue(plan.err().contains("25K, 50K, 100K, 150K, 300K, epoch-1, epoch-2"), plan.transcript());
        assertTrue(
                plan.err().matches("(?s).*:\\d+:\\d+: error: evaluate.on names 'pretrain@11K'.*"),
                "file:line:col: " + plan.transcript());
    }

    @Test
    @Tag("slow")
    void extending_training_reruns_only_the_new_checkpoints_and_their_evaluations() throws Exception {
        String store = dir.resolve("store").toString();
        CliRun one = CliRun.of(
                "run", yaml().toString(), "--store", store, "--no-progress", "--set", "stages.pretrain.epochs=1");
        assertEquals(0, one.exitCode(), one.transcript());
        // tokenizer, model, stage, 25K 50K 100K 150K epoch-1, and their 5 evaluations
        assertEquals("13", summary(one).group(1), one.transcript());
        CliRun two = CliRun.of(
                "run", yaml().toString(), "--store", store, "--no-progress", "--set", "stages.pretrain.epochs=2");
        assertEquals(0, two.exitCode(), two.transcript());
        Matcher m = summary(two);
        assertEquals("5", m.group(1), "the stage, 300K and epoch-2 and their evaluations: " + two.transcript());
        assertEquals("12", m.group(2), two.transcript());
        CliRun results = CliRun.of("results", yaml().toString(), "--store", store, "--set", "stages.pretrain.epochs=2");
        for (String kept : new String[] {"25K", "300K", "epoch-1", "epoch-2"}) {
            assertTrue(results.out().contains("pretrain@" + kept), results.transcript());
        }
        Path hf = dir.resolve("hf");
        CliRun export = CliRun.of(
                "export",
                yaml().toString(),
                "stage:pretrain@50K",
                hf.toString(),
                "--store",
                store,
                "--set",
                "stages.pretrain.epochs=2");
        assertEquals(0, export.exitCode(), export.transcript());
        assertTrue(
                Files.isRegularFile(hf.resolve("model.safetensors")) && Files.isRegularFile(hf.resolve("config.json")),
                export.transcript());
    }

    private static Matcher summary(CliRun run) {
        Matcher m = SUMMARY.matcher(run.out() + run.err());
        assertTrue(m.find(), run.transcript());
        return m;
    }
}
