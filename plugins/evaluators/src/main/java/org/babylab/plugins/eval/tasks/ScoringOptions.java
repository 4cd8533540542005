package org.babylab.plugins.eval.tasks;

import org.babylab.api.model.LanguageModel;
import org.babylab.toolkit.scoring.RequestEncoder;
import org.babylab.toolkit.scoring.ScoringRules;

/**
 * The scoring keys every evaluator config has: {@code rules} ({@code babylab} or {@code pipeline})
 * and {@code bos} (prepend the tokenizer's BOS token or not; unset means the rule set's default).
 */
interface ScoringOptions {
    /** Doc text of the {@code rules} key, shared by every config. */
    String RULES_DOC =
            "Scoring rules: 'babylab' (default) or 'pipeline' (the BabyLM evaluation-pipeline-2025's rules; docs/evaluation.md lists every difference)";
    /** Doc text of the {@code bos} key, shared by every config. */
    String BOS_DOC =
            "Prepend the tokenizer's BOS token: unset = the rule set's default (babylab: when the tokenizer has one; pipeline: no, as the exported Hugging Face tokenizer adds none)";

    /** The {@code rules} value, normalised; never null once the config is built. */
    String rules();

    /** The {@code bos} value, or null for the rule set's default. */
    Boolean bos();

    /** The parsed {@link #rules()}. */
    default ScoringRules scoringRules() {
        return ScoringRules.parse(rules());
    }

    /** The request encoder these options ask for on {@code model}. */
    default RequestEncoder encoder(LanguageModel model) {
        return new RequestEncoder(model, scoringRules(), bos());
    }
}
