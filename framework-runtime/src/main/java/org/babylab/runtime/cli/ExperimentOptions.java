package org.babylab.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by every command that reads an experiment file. */
final class ExperimentOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment YAML file.")
    Path file;

    @Option(
            names = {"-s", "--set"},
            paramLabel = "KEY.PATH=VALUE",
            description = "Override a value of the file, e.g. models.ngram3.order=4 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--store",
            paramLabel = "DIR",
            description = "The cache store (default: the file's 'store:', else $BABYLAB_STORE, else ./.babylab/store).")
    Path store;

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            description = "A directory of third-party plugin jars (repeatable; also $BABYLAB_PLUGINS).")
    List<Path> pluginDirs = new ArrayList<>();
}
