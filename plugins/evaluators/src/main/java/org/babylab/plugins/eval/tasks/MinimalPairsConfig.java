package org.babylab.plugins.eval.tasks;

import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;
import org.babylab.plugins.eval.choice.TieRule;

/**
 * Config of {@code minimal-pairs} and {@code blimp}.
 *
 * @param path the JSONL data: a file, a directory of {@code *.jsonl}, or a glob
 * @param ties what a tie counts as: {@code wrong} (default) or {@code gold} (the BabyLM pipeline's rule)
 */
@Doc("Minimal pairs in BLiMP's JSONL format (sentence_good, sentence_bad, optional UID and field).")
public record MinimalPairsConfig(
        @Required @Doc("JSONL data: a file, a directory of *.jsonl, or a glob such as eval/*.jsonl") String path,
        @Doc("A tie between good and bad counts as 'wrong' (default) or 'gold' (the BabyLM pipeline's argmax rule)") String ties) {
    public MinimalPairsConfig {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path: required; give a JSONL file, a directory of *.jsonl or a glob");
        }
        ties = TieRule.parse(ties).configValue();
    }

    /** The parsed {@link #ties()} value. */
    public TieRule tieRule() {
        return TieRule.parse(ties);
    }
}
