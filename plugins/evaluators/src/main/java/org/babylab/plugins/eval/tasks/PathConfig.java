package org.babylab.plugins.eval.tasks;

import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;

/**
 * Config of tasks that read one data file and have no tie rule ({@code wug-adjectives},
 * {@code reading-times}).
 *
 * @param path the data file, relative to the experiment file unless absolute
 */
@Doc("A single evaluation data file.")
public record PathConfig(@Required @Doc("The data file, relative to the experiment file unless absolute") String path) {
    public PathConfig {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path: required; give the data file");
        }
    }
}
