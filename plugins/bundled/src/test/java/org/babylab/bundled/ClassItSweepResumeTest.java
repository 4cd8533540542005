package org.babylab.bundled;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of the CLASS-IT mini sweep, after some trials' steps have finished and
 * before all have: running it again reuses every finished step and runs only the rest.
 */
class ClassItSweepResumeTest {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) ran, (\\d+) reused, (\\d+) failed, (\\d+) skipped");
    private static final int STEPS = 24;

    @Test
    void a_sweep_killed_midway_reuses_every_finished_step_and_runs_only_the_rest(@TempDir Path dir) throws Exception {
        Path yaml = CliRun.projectDir().resolve("experiments/class-it-mini.yaml");
        Path store = dir.resolve("store");
        Path log = dir.resolve("first-run.log");
        Process first = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx4g",
                        "-Dai.djl.offline=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.babylab.runtime.cli.Main",
                        "run",
                        yaml.toString(),
                        "--store",
                        store.toString(),
                        "--no-progress")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            // Kill once the first model is pretrained and a few of its instruction-tuning steps are done:
            // some trials are complete, the other model's are not.
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !first.isAlive() || finishedSteps(store) >= 6);
            assertTrue(
                    first.isAlive(), "the sweep must still be running when killed; its log:\n" + Files.readString(log));
            first.destroyForcibly(); // SIGKILL: no shutdown hook runs
            first.waitFor();
        } finally {
            first.destroyForcibly();
        }
        int finishedBeforeKill = finishedSteps(store);
        assertTrue(
                finishedBeforeKill >= 6 && finishedBeforeKill < STEPS,
                "killed mid-sweep after " + finishedBeforeKill + " steps:\n" + Files.readString(log));

        CliRun second = CliRun.of("run", yaml.toString(), "--store", store.toString(), "--no-progress");
        assertEquals(0, second.exitCode(), second.transcript());
        Matcher m = SUMMARY.matcher(second.out());
        assertTrue(m.find(), second.transcript());
        assertEquals(
                finishedBeforeKill,
                Integer.parseInt(m.group(2)),
                "every step finished before the kill is reused: " + second.transcript());
        assertEquals(
                STEPS - finishedBeforeKill, Integer.parseInt(m.group(1)), "only the rest runs: " + second.transcript());
        assertEquals("0", m.group(3), second.transcript());
    }

    /** Steps whose entries are published (a visible entry is complete: it has its metadata). */
    private static int finishedSteps(Path store) throws IOException {
        Path entries = store.resolve("entries");
        if (!Files.isDirectory(entries)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> shards = Files.list(entries)) {
            for (Path shard : shards.toList()) {
                try (Stream<Path> keys = Files.list(shard)) {
                    for (Path key : keys.toList()) {
                        assertTrue(
                                Files.isRegularFile(key.resolve("metadata.json")),
                                "a visible entry is complete: " + key);
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
