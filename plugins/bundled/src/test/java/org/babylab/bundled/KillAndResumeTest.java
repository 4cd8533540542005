package org.babylab.bundled;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of the quickstart, then run it again: no partial entry is ever visible, no
 * finished step is redone, and training resumes from its checkpoint.
 */
class KillAndResumeTest {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) ran, (\\d+) reused, (\\d+) failed, (\\d+) skipped");

    @Test
    void killed_run_resumes_without_redoing_finished_steps_or_exposing_partial_entries(@TempDir Path dir)
            throws Exception {
        Path yaml = CliRun.projectDir().resolve("experiments/quickstart.yaml");
        Path store = dir.resolve("store");
        Path log = dir.resolve("first-run.log");

        Process first = new ProcessBuilder(
                        javaBin(),
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
            // Kill once training has written a checkpoint: the n-gram steps are done by then and
            // the stage is mid-way, which is the interesting moment.
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !first.isAlive() || hasCheckpoint(store));
            assertTrue(
                    first.isAlive(), "the run must still be training when killed; its log:\n" + Files.readString(log));
            first.destroyForcibly(); // SIGKILL: no shutdown hook runs
            first.waitFor();
        } finally {
            first.destroyForcibly();
        }

        List<Path> entries = entryDirs(store);
        for (Path entry : entries) {
            assertTrue(Files.isRegularFile(entry.resolve("metadata.json")), "a visible entry is complete: " + entry);
        }
        int finishedBeforeKill = entries.size();
        assertTrue(finishedBeforeKill >= 3, "the n-gram steps finished before the kill: " + entries);

        CliRun second = CliRun.of("run", yaml.toString(), "--store", store.toString(), "--no-progress");
        assertEquals(0, second.exitCode(), second.transcript());
        Matcher m = SUMMARY.matcher(second.out());
        assertTrue(m.find(), second.transcript());
        assertEquals(
                finishedBeforeKill,
                Integer.parseInt(m.group(2)),
                "every step finished before the kill is reused: " + second.transcript());
        String stageLog = stageLog(store);
        assertTrue(stageLog.contains("resumed from step"), "the stage resumed from its checkpoint:\n" + stageLog);
    }

    private static boolean hasCheckpoint(Path store) throws IOException {
        Path checkpoints = store.resolve("checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(checkpoints)) {
            // A weights checkpoint, not the per-step metrics the stage also keeps there from step 1 on.
            return walk.anyMatch(p -> Files.isRegularFile(p)
                    && !p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().endsWith(".safetensors"));
        }
    }

    private static List<Path> entryDirs(Path store) throws IOException {
        List<Path> dirs = new ArrayList<>();
        Path entries = store.resolve("entries");
        if (!Files.isDirectory(entries)) {
            return dirs;
        }
        try (Stream<Path> shards = Files.list(entries)) {
            for (Path shard : shards.toList()) {
                try (Stream<Path> keys = Files.list(shard)) {
                    dirs.addAll(keys.toList());
                }
            }
        }
        return dirs;
    }

    /** The log of the training stage (the causal-lm step). */
    private static String stageLog(Path store) throws IOException {
        try (Stream<Path> logs = Files.list(store.resolve("logs"))) {
            for (Path p : logs.toList()) {
                String text = Files.readString(p);
                if (text.contains("causal-lm")) {
                    return text;
                }
            }
        }
        return "(no step log is a causal-lm log)";
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
