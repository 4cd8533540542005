package org.babylab.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.babylab.runtime.BabyLab;
import org.babylab.runtime.StoreMaintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code babylab gc [FILE...] [--delete]}: lists (and with {@code --delete} removes) what no
 * experiment references. The experiments are the files given, else every experiment file the
 * store's entries were computed for that still exists. A dry run unless {@code --delete}.
 */
@Command(
        name = "gc",
        mixinStandardHelpOptions = true,
        description =
                "List what no experiment references (entries, checkpoints, logs, damaged entries); --delete removes it.")
final class GcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "FILE",
            arity = "0..*",
            description =
                    "Experiments whose steps to keep (default: every experiment file recorded in the store that still exists).")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--store",
            paramLabel = "DIR",
            description = "The store (default: $BABYLAB_STORE, else ./.babylab/store).")
    Path store;

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            description = "A directory of third-party plugin jars (repeatable).")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = "--delete", description = "Remove what is listed (default: only list it).")
    boolean delete;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BabyLab lab = Session.openLab(pluginDirs, store, err);
        StoreMaintenance s = Session.openStore(lab);
        Set<Path> experiments = new LinkedHashSet<>();
        if (files.isEmpty()) {
            experiments.addAll(s.recordedExperiments());
        } else {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new UserError("experiment file not found: " + f.toAbsolutePath());
                }
                experiments.add(f.toAbsolutePath().normalize());
            }
        }
        if (experiments.isEmpty() && !s.keys().isEmpty()) {
            throw new UserError("no experiment file recorded in " + s.root()
                    + " exists any more; name the experiments to keep: babylab gc FILE...");
        }
        lab.plugins(); // loaded (and their problems printed) here, after the store and the files are known good
        Set<String> keep = new HashSet<>();
        for (Path f : experiments) {
            // An experiment that no longer loads keeps nothing alive; refusing is safer than guessing.
            Set<String> keys = s.stepKeys(f);
            keep.addAll(keys);
            out.println("keeping the " + keys.size() + " steps of " + f);
        }
        List<StoreMaintenance.Garbage> garbage = s.garbage(keep);
        long bytes = garbage.stream().mapToLong(StoreMaintenance.Garbage::bytes).sum();
        garbage.forEach(g -> out.printf("  %10s  %s%n", human(g.bytes()), g.what()));
        if (delete) {
            long freed = s.remove(garbage);
            out.printf("removed %d item(s), %s freed%n", garbage.size(), human(freed));
        } else {
            out.printf(
                    "%d item(s), %s, referenced by none of these experiments; dry run: run 'babylab gc --delete' to remove them%n",
                    garbage.size(), human(bytes));
        }
        return ExitCodes.OK;
    }

    private static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format("%.1f %s", v, units[u]);
    }
}
