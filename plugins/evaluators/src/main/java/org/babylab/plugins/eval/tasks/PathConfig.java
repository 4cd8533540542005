package org.babylab.plugins.eval.tasks;

import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;
import org.babylab.toolkit.scoring.ScoringRules;

/**
 * Config of tasks that read one data file and have no tie rule ({@code wug-adjectives},
 * {@code reading-times}).
 *
 * @param path the data file, relative to the experiment file unless absolute
 * @param rules {@code babylab} (default) or {@code pipeline}
 * @param bos whether to prepend BOS; null for the rule set's default
 */
@Doc("A single evaluation data file.")
public record PathConfig(
        @Required @Doc("The data file, relative to the experiment file unless absolute")
        String path,

        @Doc(ScoringOptions.RULES_DOC) String rules,
        @Doc(ScoringOptions.BOS_DOC) Boolean bos)
        implements ScoringOptions {
    public PathConfig {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path: required; give the data file");
        }
        rules = ScoringRules.parse(rules).configValue();
    }

    /** Default rules and BOS. */
    public PathConfig(String path) {
        this(path, null, null);
    }

    /** The valid {@code rules} values, an enum in the JSON schema. */
    public static java.util.List<String> rulesValues() {
        return java.util.List.of("babylab", "pipeline");
    }
}
