package org.babylab.runtime.cli;

import picocli.CommandLine;

/**
 * The {@code babylab} command line. Exit codes: 0 success, 1 some step failed, 2 the experiment or
 * the command line is invalid (nothing ran), 3 an internal error.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI in-process and returns its exit code (used by tests and embedding programs). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new BabyLabCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        return cli.execute(args);
    }
}
