package org.babylab.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.babylab.runtime.BabyLab;
import org.babylab.runtime.StoreAccessException;
import org.babylab.runtime.StoreMaintenance;
import org.babylab.runtime.Study;

/**
 * What every experiment command starts from: BabyLab with its plugins and the loaded, checked
 * study with its open store. Problems with plugin jars are printed as they are found; they stop
 * nothing unless the experiment needs a type that failed to load (the DSL then reports it as unknown).
 */
record Session(BabyLab lab, Study study) {
    static Session open(ExperimentOptions options, PrintWriter err) {
        // Before the plugins load, so a mistyped file name is the one thing said.
        if (!Files.isRegularFile(options.file)) {
            throw new UserError("experiment file not found: " + options.file.toAbsolutePath());
        }
        BabyLab lab = openLab(options.pluginDirs, options.store, err);
        if (!lab.plugins().conflicts().isEmpty()) {
            // Printed above with what to do; running with either factory would be a guess.
            throw new UserError(lab.plugins().conflicts().size()
                    + " type id(s) are provided by two plugins (see above); nothing was run");
        }
        try {
            return new Session(lab, lab.load(options.file, options.overrides));
        } catch (StoreAccessException e) {
            throw new UserError("--store " + e.dir() + ": " + e.getMessage());
        }
    }

    /**
     * BabyLab with the built-in plugins, those in {@code pluginDirs} and in {@code $BABYLAB_PLUGINS},
     * printing plugin problems, warnings and damaged store entries on {@code err}.
     *
     * @param store the {@code --store} option, or null
     */
    static BabyLab openLab(List<Path> pluginDirs, Path store, PrintWriter err) {
        return BabyLab.builder()
                .pluginDirectories(pluginDirs)
                .store(store)
                .listener(new ConsoleListener(err))
                .build();
    }

    /**
     * The store of {@code --store} ({@code store}, may be null), else {@code $BABYLAB_STORE}, else
     * {@code ./.babylab/store}, for the commands that need no experiment.
     *
     * @throws UserError naming the path when it is a file or cannot be created
     */
    static StoreMaintenance openStore(Path store, PrintWriter err) {
        return openStore(openLab(List.of(), store, err));
    }

    /** {@link BabyLab#openStore()} of {@code lab}, its refusal as a user error naming the directory. */
    static StoreMaintenance openStore(BabyLab lab) {
        try {
            return lab.openStore();
        } catch (StoreAccessException e) {
            throw new UserError("--store " + e.dir() + ": " + e.getMessage());
        }
    }
}
