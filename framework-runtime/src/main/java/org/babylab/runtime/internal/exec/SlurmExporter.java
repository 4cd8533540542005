package org.babylab.runtime.internal.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.step.ResourceRequest;
import org.babylab.runtime.internal.model.ComponentCatalog;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.Step;
import org.babylab.runtime.internal.store.AtomicFiles;
import org.babylab.runtime.internal.store.Store;

/**
 * Writes a plan's uncached steps as Slurm batch scripts, one per step, each running
 * {@code babylab run FILE --only-step KEY}, plus a {@code submit.sh} that submits them in plan order
 * chained with {@code --dependency=afterok:...} on the jobs of their uncached inputs. Cached steps
 * are left out: the jobs find them in the (shared) store. Stateless apart from its collaborators.
 */
public final class SlurmExporter {
    private final ComponentCatalog catalog;
    private final Store store;

    public SlurmExporter(ComponentCatalog catalog, Store store) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Writes the scripts into {@code outDir} (created if needed).
     *
     * @param babylab the command that starts BabyLab on the cluster, e.g. {@code babylab}
     * @return the written files, {@code submit.sh} last
     */
    public List<Path> export(Plan plan, Path outDir, String babylab) throws IOException {
        return export(plan, outDir, babylab, List.of());
    }

    /**
     * Writes the scripts into {@code outDir} (created if needed); every job runs with {@code runArgs}
     * after the file (the launch's {@code --store}, {@code --set} and {@code --plugins} options), so it
     * plans exactly the plan that was exported and finds its inputs in the same store.
     *
     * @param babylab the command that starts BabyLab on the cluster, e.g. {@code babylab}
     * @return the written files, {@code submit.sh} last
     */
    public List<Path> export(Plan plan, Path outDir, String babylab, List<String> runArgs) throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        Map<String, String> jobVar = new HashMap<>();
        StringBuilder submit = new StringBuilder("#!/bin/bash\n# Submits the steps of experiment ")
                .append(plan.definition().name()).append(" in dependency order.\nset -euo pipefail\ncd \"$(dirname \"$0\")\"\n");
        int n = 0;
        for (Step step : plan.steps()) {
            if (store.isComplete(step.key())) {
                continue;
            }
            n++;
            String file = String.format("%03d-%s.sbatch", n, step.name().replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("_+$", ""));
            Path script = outDir.resolve(file);
            AtomicFiles.write(script, sbatch(plan, step, babylab, runArgs).getBytes(StandardCharsets.UTF_8));
            written.add(script);
            String var = "job" + n;
            jobVar.put(step.key(), var);
            List<String> after = step.dependsOn().stream().filter(jobVar::containsKey).map(k -> "$" + jobVar.get(k)).toList();
            submit.append(var).append("=$(sbatch --parsable");
            if (!after.isEmpty()) {
                submit.append(" --dependency=afterok:").append(String.join(":", after));
            }
            submit.append(' ').append(file).append(")\necho \"").append(step.name().replace("\"", "'"))
                    .append(": job $").append(var).append("\"\n");
        }
        Path submitFile = outDir.resolve("submit.sh");
        AtomicFiles.write(submitFile, submit.toString().getBytes(StandardCharsets.UTF_8));
        written.add(submitFile);
        for (Path p : written) {
            try {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the scripts are still runnable with "bash submit.sh".
            }
        }
        return written;
    }

    /** The batch script of one step. */
    String sbatch(Plan plan, Step step, String babylab) {
        return sbatch(plan, step, babylab, List.of());
    }

    /** The batch script of one step, with extra {@code run} arguments. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    String sbatch(Plan plan, Step step, String babylab, List<String> runArgs) {
        ComponentFactory f = Factories.of(catalog, step.decl(), ComponentFactory.class);
        ResourceRequest r = f.resources(step.decl().config());
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("#SBATCH --job-name=babylab-").append(step.shortKey()).append('\n');
        sb.append("#SBATCH --cpus-per-task=").append(r.cpuThreads()).append('\n');
        if (r.gpus() > 0) {
            sb.append("#SBATCH --gres=gpu:").append(r.gpus()).append('\n');
        }
        sb.append("#SBATCH --output=").append(store.root().resolve("logs").resolve(step.key() + ".slurm.out")).append('\n');
        sb.append("# step: ").append(step.name()).append('\n');
        sb.append("# key:  ").append(step.key()).append('\n');
        sb.append("set -euo pipefail\n");
        sb.append("exec ").append(babylab).append(" run ").append(quote(plan.definition().file().toString()))
                .append(" --only-step ").append(step.key());
        for (String arg : runArgs) {
            sb.append(' ').append(quote(arg));
        }
        sb.append('\n');
        return sb.toString();
    }

    /** Single-quotes a word for bash, unless it is made of characters bash leaves alone. */
    private static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./=:,@%+-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
