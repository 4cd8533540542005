package org.babylab.api.model;

import java.util.List;

/**
 * How a {@link GenerativeModel} continues prompts. Sampling follows Hugging Face's
 * {@code generate}: the next-token logits are divided by {@code temperature}, then restricted to the
 * {@code topK} most likely tokens, then to the smallest set whose probability reaches {@code topP},
 * and one token is drawn. {@code temperature == 0} is greedy decoding (the most likely token, ties
 * to the lowest id), which ignores {@code topK}, {@code topP} and {@code seed}.
 *
 * @param maxNewTokens the most tokens to add to each prompt, >= 1
 * @param temperature 0 for greedy decoding, else > 0
 * @param topK keep only the k most likely tokens; 0 keeps all
 * @param topP keep the smallest set of tokens whose probability sum reaches this, in (0, 1]; 1 keeps all
 * @param stopStrings a sequence ends once its decoded continuation contains one of these (e.g. the
 *     next speaker's turn marker {@code "*MOT:"}); never null, may be empty
 * @param stopAtEos a sequence ends when it generates the tokenizer's EOS
 * @param seed the seed of sampling; the same seed, prompts and model give the same continuations
 */
public record GenerationConfig(
        int maxNewTokens,
        double temperature,
        int topK,
        double topP,
        List<String> stopStrings,
        boolean stopAtEos,
        long seed) {
    public GenerationConfig {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + maxNewTokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException(
                    "temperature must be 0 (greedy) or a positive number, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be >= 0 (0 keeps every token), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
        }
        stopStrings = stopStrings == null ? List.of() : List.copyOf(stopStrings);
        for (String s : stopStrings) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("stop strings must not be empty, got " + stopStrings);
            }
        }
    }

    /** Greedy decoding of up to {@code maxNewTokens} tokens, stopping at EOS. */
    public static GenerationConfig greedy(int maxNewTokens) {
        return new GenerationConfig(maxNewTokens, 0, 0, 1, List.of(), true, 0);
    }

    /** True for greedy decoding. */
    public boolean isGreedy() {
        return temperature == 0;
    }
}
