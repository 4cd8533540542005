package org.babylab.plugins.eval.tasks;

import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;
import org.babylab.toolkit.choice.TieRule;
import org.babylab.toolkit.scoring.ScoringRules;

/**
 * Config of the tasks whose data may come as a password-protected zip ({@code ewok},
 * {@code entity-tracking}).
 *
 * @param path the data: a {@code .zip} (read in place, never unzipped), a JSONL file, a directory or a glob
 * @param password the zip's password, or null for plain files or an unencrypted zip
 * @param ties what a tie counts as: {@code wrong} (default) or {@code gold}
 * @param rules {@code babylab} (default) or {@code pipeline}
 * @param bos whether to prepend BOS; null for the rule set's default
 */
@Doc("Multiple-choice JSONL data, optionally in a password-protected zip read in place.")
public record ZippedTaskConfig(
        @Required
        @Doc("The data: a .zip read in place (never unzipped), a JSONL file, a directory of *.jsonl, or a glob")
        String path,

        @Doc("Password of the zip, if it is encrypted (see the data's SOURCES/README)")
        String password,

        @Doc(
                "A tie between gold and the best alternative counts as 'wrong' (default) or 'gold' (the BabyLM pipeline's argmax rule)")
        String ties,

        @Doc(ScoringOptions.RULES_DOC) String rules,
        @Doc(ScoringOptions.BOS_DOC) Boolean bos)
        implements ScoringOptions {
    public ZippedTaskConfig {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(
                    "path: required; give a .zip, a JSONL file, a directory of *.jsonl or a glob");
        }
        ties = TieRule.parse(ties).configValue();
        rules = ScoringRules.parse(rules).configValue();
    }

    /** Default rules and BOS. */
    public ZippedTaskConfig(String path, String password, String ties) {
        this(path, password, ties, null, null);
    }

    /** The parsed {@link #ties()} value. */
    public TieRule tieRule() {
        return TieRule.parse(ties);
    }

    /** The valid {@code rules} values, an enum in the JSON schema. */
    public static java.util.List<String> rulesValues() {
        return java.util.List.of("babylab", "pipeline");
    }

    /** The valid {@code ties} values, an enum in the JSON schema. */
    public static java.util.List<String> tiesValues() {
        return java.util.List.of("wrong", "gold");
    }
}
