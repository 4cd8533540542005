package org.babylab.runtime.internal.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.store.AtomicFiles;
import org.babylab.runtime.internal.store.Store;

/**
 * Writes the steps of a plan that are not in the store yet as Slurm batch scripts, one per step,
 * each running {@code LAUNCHER run FILE --only-step KEY} with the launch's store and overrides, plus
 * a {@code submit.sh} that submits them chained by {@code afterok} with
 * {@code --kill-on-invalid-dep=yes} (for labs that submit by hand). Scripts of earlier exports are
 * removed first, so the folder holds exactly this plan's jobs.
 *
 * <p>Every path in a script is absolute and jobs start in the submitting directory
 * ({@code --chdir}), so relative paths mean on the node what they meant where the study was
 * submitted. Each job's Slurm log is {@code logs/KEY12-%j.out} (one per job, appended to when Slurm
 * requeues it); the folder is created here, because Slurm opens the log before the script starts.
 * A job tries its step {@code 1 + retries} times before it fails.
 */
public final class SlurmExporter {
    /** The folder under the Slurm folder that holds the jobs' logs. */
    public static final String LOGS = "logs";

    private final ComponentCatalog catalog;
    private final Store store;

    public SlurmExporter(ComponentCatalog catalog, Store store) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Where jobs run and what they run.
     *
     * @param experimentFile the experiment file (made absolute)
     * @param workDir the directory jobs start in (made absolute)
     * @param launcher the command that starts BabyLab on the nodes (an absolute path, or a command on the nodes' PATH)
     * @param runArgs arguments after {@code --only-step KEY}: the launch's {@code --store}, {@code --set}, {@code --plugins}
     * @param settings the cluster settings
     */
    public record JobTemplate(
            Path experimentFile, Path workDir, String launcher, List<String> runArgs, ClusterSettings settings) {
        public JobTemplate {
            experimentFile = experimentFile.toAbsolutePath().normalize();
            workDir = workDir.toAbsolutePath().normalize();
            Objects.requireNonNull(launcher, "launcher");
            runArgs = List.copyOf(runArgs);
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * One written job.
     *
     * @param step its step
     * @param script its batch script
     * @param resources what it asks for
     * @param logPattern its Slurm log with {@code %j} for the job id
     */
    public record ExportedJob(PlannedStep step, Path script, JobResources resources, String logPattern) {
        /** The log of job {@code id}. */
        public String log(String id) {
            return logPattern.replace("%j", id);
        }
    }

    /**
     * Writes the scripts into {@code dir} (created if needed), after removing those of earlier exports.
     *
     * @return the jobs, in plan order (every step after the steps it needs); {@code dir/submit.sh} is written too
     */
    public List<ExportedJob> export(Plan plan, Path dir, JobTemplate template) throws IOException {
        dir = dir.toAbsolutePath().normalize();
        Files.createDirectories(dir.resolve(LOGS));
        clearStaleScripts(dir);
        List<ExportedJob> jobs = new ArrayList<>();
        Map<String, String> jobVar = new HashMap<>();
        StringBuilder submit = new StringBuilder("#!/bin/bash\n# Submits the steps of experiment ")
                .append(plan.definition().name())
                .append(
                        " that are not in the store, each after the jobs of its inputs; a failed job cancels those waiting for it.\n")
                .append(
                        "# 'babylab run FILE --on slurm' does this itself and follows the jobs; this script is for submitting by hand.\n")
                .append("set -euo pipefail\n");
        for (PlannedStep step : plan.steps()) {
            if (store.isComplete(step.key())) {
                continue;
            }
            JobResources resources = JobResources.of(catalog, plan, step, template.settings());
            String logPattern =
                    dir.resolve(LOGS).resolve(step.shortKey() + "-%j.out").toString();
            Path script = dir.resolve(step.shortKey() + "-" + fileName(step.name()) + ".sbatch");
            AtomicFiles.write(
                    script, script(plan, step, resources, logPattern, template).getBytes(StandardCharsets.UTF_8));
            executable(script);
            jobs.add(new ExportedJob(step, script, resources, logPattern));
            String var = "job" + jobs.size();
            jobVar.put(step.key(), var);
            List<String> after = step.dependsOn().stream()
                    .filter(jobVar::containsKey)
                    .map(k -> "$" + jobVar.get(k))
                    .toList();
            submit.append(var).append("=$(sbatch --parsable");
            if (!after.isEmpty()) {
                submit.append(" --dependency=afterok:")
                        .append(String.join(":", after))
                        .append(" --kill-on-invalid-dep=yes");
            }
            submit.append(' ')
                    .append(quote(script.toString()))
                    .append(")\necho \"")
                    .append(step.name().replace("\"", "'").replace("$", ""))
                    .append(": job $")
                    .append(var)
                    .append("\"\n");
        }
        Path submitFile = dir.resolve("submit.sh");
        AtomicFiles.write(submitFile, submit.toString().getBytes(StandardCharsets.UTF_8));
        executable(submitFile);
        return jobs;
    }

    /** The batch script of one step. */
    String script(Plan plan, PlannedStep step, JobResources r, String logPattern, JobTemplate t) {
        ClusterSettings s = t.settings();
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sbatch(sb, "--job-name=" + jobName(plan, step));
        sbatch(sb, "--chdir=" + t.workDir());
        sbatch(sb, "--output=" + logPattern);
        sbatch(sb, "--open-mode=append");
        sbatch(sb, "--cpus-per-task=" + r.cpus());
        sbatch(sb, "--mem=" + r.limits().memMegabytes() + "M");
        sbatch(sb, "--time=" + r.limits().time());
        if (r.partition() != null) {
            sbatch(sb, "--partition=" + r.partition());
        }
        if (r.gpus() > 0) {
            sbatch(sb, "--gres=gpu:" + r.gpus());
        }
        if (s.account() != null) {
            sbatch(sb, "--account=" + s.account());
        }
        if (s.qos() != null) {
            sbatch(sb, "--qos=" + s.qos());
        }
        sbatch(sb, "--requeue");
        sbatch(sb, "--kill-on-invalid-dep=yes");
        for (String extra : s.sbatch()) {
            sbatch(sb, extra);
        }
        sb.append("# BabyLab step ")
                .append(step.name().replace('\n', ' '))
                .append(" of experiment ")
                .append(plan.definition().name())
                .append('\n');
        sb.append("# key: ").append(step.key()).append('\n');
        sb.append("set -uo pipefail\n");
        for (String line : s.setup()) {
            sb.append(line).append('\n');
        }
        // The launcher's default heap (-Xmx8g) would not match --mem; a quarter stays free for native memory.
        sb.append("export BABYLAB_JAVA_OPTS=")
                .append(quote("-Xmx" + r.heapMegabytes() + "m"))
                .append('\n');
        int attempts = s.retriesOrDefault() + 1;
        StringBuilder cmd = new StringBuilder();
        if (s.container() != null) {
            cmd.append(s.container()).append(' ');
        }
        cmd.append(quote(t.launcher()))
                .append(" run ")
                .append(quote(t.experimentFile().toString()))
                .append(" --only-step ")
                .append(step.key());
        for (String arg : t.runArgs()) {
            cmd.append(' ').append(quote(arg));
        }
        sb.append("attempts=").append(attempts).append('\n');
        sb.append("for attempt in $(seq 1 $attempts); do\n");
        sb.append("  echo \"babylab: ")
                .append(shellText(step.name()))
                .append(", attempt $attempt of $attempts, job ${SLURM_JOB_ID:-none}")
                .append(" (restart ${SLURM_RESTART_COUNT:-0}) on $(hostname) at $(date -u +%Y-%m-%dT%H:%M:%SZ)\"\n");
        sb.append("  ").append(cmd).append('\n');
        sb.append("  status=$?\n");
        sb.append("  if [ $status -eq 0 ]; then exit 0; fi\n");
        sb.append("  echo \"babylab: attempt $attempt of $attempts failed with exit status $status\"\n");
        sb.append("done\n");
        sb.append("exit $status\n");
        return sb.toString();
    }

    /** {@code <experiment>:<step>}, e.g. {@code quickstart:stage:pretrain}, with spaces and brackets made underscores. */
    public static String jobName(Plan plan, PlannedStep step) {
        return (plan.definition().name() + ":" + step.name())
                .replaceAll("[^A-Za-z0-9._:=,+-]+", "_")
                .replaceAll("_+$", "");
    }

    private static void sbatch(StringBuilder sb, String option) {
        if (option.contains("\n")) {
            throw new IllegalArgumentException("an sbatch option must be one line: " + option);
        }
        sb.append("#SBATCH ").append(option).append('\n');
    }

    private static void clearStaleScripts(Path dir) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "*.sbatch")) {
            for (Path p : old) {
                // Slurm keeps its own copy of a submitted script, so removing ours never disturbs a queued job.
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir.resolve("submit.sh"));
    }

    private static void executable(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: sbatch does not need the executable bit.
        }
    }

    private static String fileName(String stepName) {
        return stepName.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("_+$", "");
    }

    /** Text safe inside a double-quoted bash string. */
    private static String shellText(String s) {
        return s.replaceAll("[\"$`\\\\\n]", "_");
    }

    /** Single-quotes a word for bash, unless it is made of characters bash leaves alone. */
    static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./=:,@%+-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
