package org.babylab.runtime.cli;

import picocli.CommandLine.Command;

/**
 * {@code babylab sweep FILE}: the same as {@code run}; a sweep trial's id is its cache key, so
 * re-launching after a crash or a failure runs only what is missing.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = "Launch every trial of the file's sweep (same as run); finished trials are reused.")
final class SweepCommand extends RunCommand {}
