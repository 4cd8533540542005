package org.babylab.bundled;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.babylab.runtime.cli.Main;

/**
 * Runs the {@code babylab} CLI in-process, as a user would from a shell, capturing what it prints.
 *
 * @param exitCode the CLI's exit code
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code babylab args...}; serialised because it swaps {@link System#out}. */
    static synchronized CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = Main.execute(args);
            o.flush();
            e.flush();
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The repository root (surefire passes it), where experiments/ lives. */
    static Path projectDir() {
        String dir = System.getProperty("babylab.project.dir");
        if (dir == null) {
            throw new IllegalStateException("system property babylab.project.dir is not set (run through Maven)");
        }
        return Path.of(dir);
    }

    /** Everything printed, for assertion messages. */
    String transcript() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
}
