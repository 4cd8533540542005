package org.babylab.bundled;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real one-node Slurm on localhost (Debian's slurmctld, slurmd and munge), brought up by
 * {@code .ci/slurm-test-cluster} inside one directory and torn down by {@link #close()}. When Slurm
 * is not installed or does not come up, {@link #start} aborts the calling tests (they show as
 * skipped, with the reason). Also runs the BabyLab CLI as a separate process, as a user on the
 * login node would, with this cluster's {@code SLURM_CONF}.
 */
final class SlurmTestCluster implements AutoCloseable {
    private final Path dir;
    private final Path script;
    private final Path launcher;

    private SlurmTestCluster(Path dir, Path script, Path launcher) {
        this.dir = dir;
        this.script = script;
        this.launcher = launcher;
    }

    /** Starts the cluster in {@code dir}, or aborts the tests with the reason it cannot. */
    static SlurmTestCluster start(Path dir) throws IOException, InterruptedException {
        Path script = CliRun.projectDir().resolve(".ci/slurm-test-cluster");
        Assumptions.assumeTrue(Files.isExecutable(script), "no " + script);
        // .ci/run names the folder, so that it can stop the daemons even if this JVM dies.
        String fixed = System.getProperty("babylab.slurm.dir");
        Path clusterDir = fixed != null && !fixed.isBlank() ? Path.of(fixed) : dir.resolve("cluster");
        Process p = new ProcessBuilder(script.toString(), "start", clusterDir.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            new ProcessBuilder(script.toString(), "stop", clusterDir.toString())
                    .start()
                    .waitFor(60, TimeUnit.SECONDS);
            Assumptions.abort("Slurm did not come up within 120s; skipping the real-Slurm tests:\n" + out);
        }
        if (p.exitValue() != 0) {
            Assumptions.abort(
                    "cannot bring up a one-node Slurm (apt-get install slurm-wlm munge; .ci/run does), so the real-Slurm"
                            + " tests are skipped:\n" + out);
        }
        // The command jobs start BabyLab with: this test JVM's class path, heap from the job's --mem.
        Path launcher = dir.resolve("babylab");
        Files.writeString(
                launcher,
                "#!/bin/bash\nexec " + javaBin() + " ${BABYLAB_JAVA_OPTS:--Xmx2g} -Dai.djl.offline=true"
                        + " -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp '" + System.getProperty("java.class.path")
                        + "' org.babylab.runtime.cli.Main \"$@\"\n");
        launcher.toFile().setExecutable(true);
        return new SlurmTestCluster(clusterDir, script, launcher);
    }

    /** The launcher script that starts this build's BabyLab. */
    Path launcher() {
        return launcher;
    }

    /** The environment Slurm's commands need to reach this cluster. */
    Map<String, String> environment() {
        return Map.of("SLURM_CONF", dir.resolve("slurm.conf").toString());
    }

    /** Starts {@code babylab ARGS} in {@code workDir}, its output going to {@code log}. */
    Process startCli(Path workDir, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(environment());
        pb.environment().put("BABYLAB_JAVA_OPTS", "-Xmx1g");
        return pb.start();
    }

    /** Runs {@code babylab ARGS} in {@code workDir} to the end. */
    CliRun cli(Path workDir, String... args) throws IOException, InterruptedException {
        // The transcript goes to a temporary file, not into workDir (often the project checkout).
        Path log = Files.createTempFile("babylab-cli", ".log");
        try {
            Process p = startCli(workDir, log, args);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("babylab " + String.join(" ", args)
                        + " did not end within 10 minutes:\n" + Files.readString(log));
            }
            return new CliRun(p.exitValue(), Files.readString(log), "");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs a Slurm command (squeue, scontrol, ...) and returns what it printed. */
    String slurm(String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(environment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** Every job Slurm knows, one {@code ID|NAME|STATE|REASON} line each. */
    List<String> jobs() throws IOException, InterruptedException {
        return slurm("squeue", "--states=all", "--noheader", "--format=%i|%j|%T|%r")
                .lines()
                .map(String::trim)
                .toList();
    }

    /** Jobs that are still queued or running. */
    List<String> liveJobs() throws IOException, InterruptedException {
        return jobs().stream()
                .filter(l -> l.matches("[^|]*\\|[^|]*\\|(PENDING|RUNNING|CONFIGURING|COMPLETING|REQUEUED|SUSPENDED).*"))
                .toList();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder(script.toString(), "stop", dir.toString())
                .inheritIO()
                .start()
                .waitFor(60, TimeUnit.SECONDS);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
