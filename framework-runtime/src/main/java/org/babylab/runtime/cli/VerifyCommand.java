package org.babylab.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.babylab.runtime.StoreMaintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code babylab verify [--repair]}: re-reads every byte of every entry in a store and compares it
 * with the entry's manifest. Exit 0 when all are intact (or were repaired), 1 when damage remains.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description =
                "Check every store entry against its manifest (SHA-256 of each file); --repair moves damaged ones aside so they are recomputed.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--store",
            paramLabel = "DIR",
            description = "The store (default: $BABYLAB_STORE, else ./.babylab/store).")
    Path store;

    @Option(
            names = "--repair",
            description = "Move damaged entries aside (to damaged/ in the store); the next run computes them again.")
    boolean repair;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StoreMaintenance s = Session.openStore(store, err);
        List<String> keys = s.keys();
        int damaged = 0;
        for (String key : keys) {
            List<String> problems = s.verify(key);
            if (problems.isEmpty()) {
                continue;
            }
            damaged++;
            out.println("damaged " + key + ":");
            problems.forEach(p -> out.println("  " + p));
            if (repair) {
                s.quarantine(key, problems);
            }
        }
        out.printf(
                "%d entries checked in %s: %d intact, %d damaged%s%n",
                keys.size(),
                s.root(),
                keys.size() - damaged,
                damaged,
                damaged == 0
                        ? ""
                        : repair
                                ? " (moved aside; the next run computes them again)"
                                : "; run 'babylab verify --repair' to move them aside");
        return damaged > 0 && !repair ? ExitCodes.STEP_FAILED : ExitCodes.OK;
    }
}
