package org.babylab.plugins.eval.tasks;

import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;
import org.babylab.toolkit.choice.TieRule;
import org.babylab.toolkit.scoring.ScoringRules;

/**
 * Config of {@code minimal-pairs}, {@code blimp} and {@code dialogue-pairs}.
 *
 * @param path the JSONL data: a file, a directory of {@code *.jsonl}, or a glob
 * @param ties what a tie counts as: {@code wrong} (default) or {@code gold} (the BabyLM pipeline's rule)
 * @param rules {@code babylab} (default) or {@code pipeline}
 * @param bos whether to prepend BOS; null for the rule set's default
 */
@Doc("Minimal pairs in BLiMP's JSONL format (sentence_good, sentence_bad, optional UID and field).")
public record MinimalPairsConfig(
        @Required @Doc("JSONL data: a file, a directory of *.jsonl, or a glob such as eval/*.jsonl")
        String path,

        @Doc("A tie between good and bad counts as 'wrong' (default) or 'gold' (the BabyLM pipeline's argmax rule)")
        String ties,

        @Doc(ScoringOptions.RULES_DOC) String rules,
        @Doc(ScoringOptions.BOS_DOC) Boolean bos)
        implements ScoringOptions {
    public MinimalPairsConfig {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path: required; give a JSONL file, a directory of *.jsonl or a glob");
        }
        ties = TieRule.parse(ties).configValue();
        rules = ScoringRules.parse(rules).configValue();
    }

    /** Default rules and BOS. */
    public MinimalPairsConfig(String path, String ties) {
        this(path, ties, null, null);
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
