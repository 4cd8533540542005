package org.babylab.bundled;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Slurm sends at a time limit or scancel) in the middle of causal-lm training, against
 * a real launcher JVM: the step stops at its next safe point, saves its checkpoint and says so, the
 * JVM exits 143 without crashing (no hs_err file), and running again resumes from the checkpoint.
 */
class TerminateTrainingTest {

    @Test
    void sigterm_during_training_saves_a_checkpoint_exits_143_and_a_rerun_resumes(@TempDir Path dir) throws Exception {
        Path data = CliRun.projectDir().resolve("experiments/data/quickstart");
        Path yaml = Files.writeString(dir.resolve("train.yaml"), """
                experiment: terminate
                seed: 3
                datasets:
                  corpus: {type: text, paths: ["%s/corpus/train.txt"]}
                tokenizers:
                  bpe: {type: bpe, vocab_size: 300, train_on: corpus}
                models:
                  tiny: {type: llama, preset: llama-tiny, tokenizer: bpe}
                stages:
                  pretrain:
                    type: causal-lm
                    from: tiny
                    data: corpus
                    epochs: 1
                    max_steps: 250
                    seq_len: 32
                    checkpoint_every: 100000
                    optimizer: {lr: 1.0e-3, batch_size: 4}
                """.formatted(data));
        Path store = dir.resolve("store");
        Path log = dir.resolve("first.log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                "org.babylab.runtime.cli.Main",
                "run",
                yaml.toString(),
                "--store",
                store.toString(),
                "--no-progress");
        Process first = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        int exit;
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !first.isAlive() || Files.readString(log).contains("[start] stage:pretrain"));
            assertTrue(first.isAlive(), "still running when training starts:\n" + Files.readString(log));
            Thread.sleep(2500); // well inside the training loop: forward and backward passes in native code
            assertTrue(first.isAlive(), "training takes longer than that:\n" + Files.readString(log));
            first.destroy(); // SIGTERM
            assertTrue(first.waitFor(2, TimeUnit.MINUTES), "the launcher exits once the step reached a safe point");
            exit = first.exitValue();
        } finally {
            first.destroyForcibly();
        }
        String out = Files.readString(log);
        assertEquals(143, exit, "128 + SIGTERM:\n" + out);
        assertTrue(out.contains("[cancelled] stage:pretrain") && out.contains("checkpoint saved"), out);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    List.of(),
                    files.filter(p -> p.getFileName().toString().startsWith("hs_err"))
                            .toList(),
                    "the JVM did not crash");
        }
        assertTrue(hasCheckpoint(store), "the checkpoint is on disk");

        CliRun second = CliRun.of("run", yaml.toString(), "--store", store.toString(), "--no-progress");
        assertEquals(0, second.exitCode(), second.transcript());
        assertTrue(
                stageLog(store).contains("resumed from step"),
                "the re-run resumed from the checkpoint:\n" + stageLog(store));
    }

    private static boolean hasCheckpoint(Path store) throws IOException {
        try (Stream<Path> walk = Files.walk(store.resolve("checkpoints"))) {
            return walk.anyMatch(p -> p.getFileName().toString().endsWith(".safetensors"));
        }
    }

    private static String stageLog(Path store) throws IOException {
        try (Stream<Path> logs = Files.list(store.resolve("logs"))) {
            for (Path p : logs.toList()) {
                String text = Files.readString(p);
                if (text.contains("causal-lm")) {
                    return text;
                }
            }
        }
        return "";
    }
}
