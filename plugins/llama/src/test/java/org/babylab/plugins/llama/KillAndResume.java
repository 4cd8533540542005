package org.babylab.plugins.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.train.TrainingCheckpoint;

/**
 * The crash half of the resume tests: runs a training class's {@code main(checkpointDir, outputDir,
 * sleepMsPerStep)} in a child JVM, kills it with SIGKILL once it has written a checkpoint and
 * before it finishes, then runs it again in a new JVM on the same checkpoint directory to the end.
 */
public final class KillAndResume {
    private KillAndResume() {}

    /**
     * @param main the class whose {@code main} trains and saves its model to {@code args[1]}
     * @param dir an empty directory; the resumed model ends up in {@code dir/resumed}
     * @param sleepMs per-step pause of the first JVM, so the kill lands mid-run
     * @param settleMs how long after the first checkpoint to kill
     * @return the second JVM's output
     */
    public static String killAfterCheckpointThenResume(Class<?> main, Path dir, long sleepMs, long settleMs)
            throws Exception {
        Path ckpt = Files.createDirectories(dir.resolve("ckpt"));
        Process first = child(main, ckpt, dir.resolve("unused"), sleepMs);
        Path file = ckpt.resolve(TrainingCheckpoint.FILE_NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), "the first JVM wrote a checkpoint");
        Thread.sleep(settleMs); // land between checkpoints, mid-run
        first.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
        first.waitFor();
        assertFalse(Files.exists(dir.resolve("unused")), "the first JVM died before finishing");

        Process second = child(main, ckpt, dir.resolve("resumed"), 0);
        assertTrue(second.waitFor(180, TimeUnit.SECONDS), "the resumed JVM finished");
        String log = Files.readString(dir.resolve("resumed.log"));
        assertEquals(0, second.exitValue(), log);
        return log;
    }

    private static Process child(Class<?> main, Path ckpt, Path out, long sleepMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(
                        java,
                        "-Dai.djl.offline=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        main.getName(),
                        ckpt.toString(),
                        out.toString(),
                        Long.toString(sleepMs)))
                .redirectErrorStream(true)
                .redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile())
                .start();
    }

    /** Asserts that every parameter of {@code actual} equals {@code expected}'s bit for bit. */
    public static void assertBitIdentical(LlamaModel expected, LlamaModel actual) {
        for (String name : expected.parameters().keySet()) {
            assertTrue(
                    Arrays.equals(expected.parameterValues(name), actual.parameterValues(name)),
                    "tensor " + name + " differs");
        }
    }
}
