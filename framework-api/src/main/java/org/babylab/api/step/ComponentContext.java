package org.babylab.api.step;

import java.nio.file.Path;

/**
 * What a factory may know when it creates a component: where relative paths are resolved from, the
 * experiment's seed, and a log. Implementations are provided by the runtime and are thread-safe.
 */
public interface ComponentContext {

    /**
     * The experiment's base directory: the directory of the top-level YAML file. Relative paths in
     * configs resolve against it, also for components declared in included files (so a shared
     * defaults file means the same thing in every experiment that includes it, relative to that experiment).
     */
    Path baseDir();

    /** The seed for this component, derived from the experiment seed and the component's name. */
    long seed();

    /** Writes a line to the step's log file (and to the console when verbose). */
    void log(String message);

    /** Resolves a path from config against {@link #baseDir()}; absolute paths are returned unchanged. */
    default Path resolve(String path) {
        return baseDir().resolve(path).normalize();
    }
}
