package org.babylab.runtime.internal.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@link SlurmClient} through Slurm's own commands ({@code sbatch}, {@code squeue}, {@code scancel})
 * found on the PATH, with the environment of this process (so {@code SLURM_CONF} applies). Works
 * without Slurm's accounting database: job states come from {@code squeue --states=all}, which keeps
 * ended jobs for the cluster's {@code MinJobAge}. Thread-safe (each call runs its own process).
 */
public final class CommandLineSlurm implements SlurmClient {
    private static final long TIMEOUT_SECONDS = 120;

    @Override
    public String submit(Path script, List<String> afterOk) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        if (!afterOk.isEmpty()) {
            cmd.add("--dependency=afterok:" + String.join(":", afterOk));
            cmd.add("--kill-on-invalid-dep=yes");
        }
        cmd.add(script.toString());
        String out = run(cmd).trim();
        // --parsable prints "jobid" or "jobid;cluster".
        String id = out.lines().reduce((a, b) -> b).orElse("").split(";")[0].trim();
        if (!id.matches("\\d+(_\\d+)?")) {
            throw new SlurmException("sbatch " + script + " printed no job id: " + out);
        }
        return id;
    }

    @Override
    public Map<String, JobState> jobs(Collection<String> ids) {
        Map<String, JobState> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Set<String> wanted = new HashSet<>(ids);
        // All of this user's jobs rather than -j ID,...: squeue refuses the whole list when one id
        // has been forgotten already.
        String out = run(List.of(
                "squeue",
                "--states=all",
                "--noheader",
                "--user=" + System.getProperty("user.name"),
                "--format=%i|%T|%r|%j"));
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\|", 4);
            if (f.length == 4 && wanted.contains(f[0])) {
                found.put(f[0], new JobState(f[0], f[1], f[2], f[3]));
            }
        }
        return found;
    }

    @Override
    public void cancel(Collection<String> ids) {
        if (!ids.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("scancel"));
            cmd.addAll(ids);
            run(cmd);
        }
    }

    private static String run(List<String> cmd) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new SlurmException(
                    "cannot run '" + cmd.get(0) + "' (" + e.getMessage() + "); run this on a machine where Slurm's"
                            + " commands are on the PATH (a login node), or write the scripts only with --no-submit");
        }
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SlurmException(String.join(" ", cmd) + " did not answer within " + TIMEOUT_SECONDS + "s");
            }
            if (p.exitValue() != 0) {
                throw new SlurmException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                        + new String(err, StandardCharsets.UTF_8).trim());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SlurmException(cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new SlurmException(cmd.get(0) + " interrupted");
        }
    }
}
