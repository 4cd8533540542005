package org.babylab.plugins.llama.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named architectures. The two paper presets reproduce Table 1 of the CLASS-IT paper and fix their
 * vocabulary; the small ones take the vocabulary from the tokenizer (vocab 0 here) and exist for
 * tests, the quickstart and the benchmark.
 */
public final class LlamaPresets {
    /** Presets whose vocabulary is part of the published architecture. */
    private static final Map<String, LlamaArchitecture> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("llama-140m", new LlamaArchitecture(32_000, 704, 12, 11, 11, 2_816, 6_144, 10_000, 1e-6, 0.02));
        PRESETS.put("llama-100m", new LlamaArchitecture(16_384, 512, 20, 8, 8, 2_048, 6_000, 10_000, 1e-6, 0.02));
        // Vocab 1 is a placeholder: these presets take the tokenizer's vocabulary.
        PRESETS.put("llama-tiny", new LlamaArchitecture(1, 64, 2, 4, 4, 256, 256, 10_000, 1e-6, 0.02));
        PRESETS.put("llama-mini", new LlamaArchitecture(1, 256, 4, 4, 4, 688, 512, 10_000, 1e-6, 0.02));
        PRESETS.put("llama-small", new LlamaArchitecture(1, 512, 8, 8, 8, 1_376, 1_024, 10_000, 1e-6, 0.02));
    }

    private static final Set<String> FIXED_VOCAB = Set.of("llama-140m", "llama-100m");

    private LlamaPresets() {}

    /** The preset called {@code name}. @throws IllegalArgumentException naming the valid presets */
    public static LlamaArchitecture get(String name) {
        LlamaArchitecture a = PRESETS.get(name);
        if (a == null) {
            throw new IllegalArgumentException(
                    "unknown preset '" + name + "'; valid presets: " + String.join(", ", PRESETS.keySet()));
        }
        return a;
    }

    /** True when the preset's vocabulary size is part of the architecture rather than taken from the tokenizer. */
    public static boolean fixesVocab(String name) {
        return FIXED_VOCAB.contains(name);
    }

    /** Every preset name, in declaration order. */
    public static Set<String> names() {
        return PRESETS.keySet();
    }
}
