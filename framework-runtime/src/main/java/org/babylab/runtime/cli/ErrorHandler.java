package org.babylab.runtime.cli;

import org.babylab.runtime.BabyLabException;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.Severity;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into messages a user can act on: experiment problems are listed one per line with
 * their locations; command-line mistakes and refusals of the embedding API are one "error:" line;
 * anything else is an internal error with its stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof ExperimentException ee) {
            ee.problems().forEach(p -> cmd.getErr().println(p));
            cmd.getErr()
                    .println(ee.problems().stream()
                                    .filter(p -> p.severity() == Severity.ERROR)
                                    .count() + " error(s); nothing was run.");
            return ExitCodes.INVALID;
        }
        if (ex instanceof UserError || ex instanceof BabyLabException) {
            // The embedding API's refusals (a step selector matching nothing, bad cluster settings) are meant for the
            // user as they are.
            cmd.getErr().println("error: " + ex.getMessage());
            return ExitCodes.INVALID;
        }
        cmd.getErr().println("internal error: " + ex);
        ex.printStackTrace(cmd.getErr());
        return ExitCodes.INTERNAL;
    }
}
