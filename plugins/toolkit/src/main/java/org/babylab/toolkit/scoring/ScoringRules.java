package org.babylab.toolkit.scoring;

import java.util.Locale;

/**
 * Which scoring rules an evaluator follows: BabyLab's (the default) or those of the official BabyLM
 * evaluation-pipeline-2025 (config {@code rules: pipeline}), for numbers that compare with
 * published pipeline results. docs/evaluation.md lists every rule on which the two differ:
 * <ul>
 *   <li>BOS: BabyLab prepends the tokenizer's BOS token when it has one; the pipeline scores from a
 *       BOS only when the Hugging Face tokenizer adds one itself, and the {@code tokenizer.json}
 *       BabyLab exports adds none, so {@code pipeline} prepends none (the config key {@code bos}
 *       overrides either way);</li>
 *   <li>span boundary: a zero-width token exactly at the start of the continuation counts for
 *       BabyLab ({@code >=}) and not for the pipeline ({@code end > start});</li>
 *   <li>leading whitespace: without BOS the pipeline shifts the continuation's start by the first
 *       token's start offset ({@code offset_mapping[0][0]});</li>
 *   <li>truncation: BabyLab drops the oldest context tokens of an over-long sequence; the pipeline
 *       never truncates, so {@code pipeline} rejects such a request instead of scoring something else;</li>
 *   <li>task rules (reading times' {@code get_p2}, the self-paced "None" row, WUG's fp32 softmax,
 *       dialogue pairs' whole-text mean, BLiMP field and term breakdowns): see each evaluator.</li>
 * </ul>
 */
public enum ScoringRules {
    /** BabyLab's rules, the default: see docs/evaluation.md for why each is kept. */
    BABYLAB,
    /** The official BabyLM evaluation-pipeline-2025's rules, bugs included. */
    PIPELINE;

    /**
     * Parses the {@code rules} config value.
     *
     * @param value {@code babylab}, {@code pipeline} (any case), or null for {@link #BABYLAB}
     * @throws IllegalArgumentException naming the key and the valid values
     */
    public static ScoringRules parse(String value) {
        if (value == null) {
            return BABYLAB;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "babylab" -> BABYLAB;
            case "pipeline" -> PIPELINE;
            default ->
                throw new IllegalArgumentException(
                        "rules: '" + value + "' is not a rule set; use 'babylab' (default) or 'pipeline' "
                                + "(the BabyLM evaluation-pipeline-2025's scoring rules, for numbers comparable with it)");
        };
    }

    /** The config spelling, {@code babylab} or {@code pipeline}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
