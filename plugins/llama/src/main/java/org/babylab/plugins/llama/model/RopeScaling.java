package org.babylab.plugins.llama.model;

import java.util.Locale;

/**
 * How rotary inverse frequencies are scaled, as Hugging Face's {@code rope_type}: {@code default}
 * (none), {@code linear} (every inverse frequency divided by {@code factor}) or {@code llama3}
 * (Llama 3.1's three bands: wavelengths shorter than
 * {@code originalMaxPositions / highFreqFactor} unchanged, longer than
 * {@code originalMaxPositions / lowFreqFactor} divided by {@code factor}, and in between a smooth
 * interpolation {@code (1 - s) f / factor + s f} with
 * {@code s = (originalMaxPositions / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor)}).
 * Computed in fp32 arithmetic as transformers does. Both types leave the attention scale at 1.
 *
 * @param type {@code default}, {@code linear} or {@code llama3}
 * @param factor the scaling factor (1 for {@code default}), > 0
 * @param lowFreqFactor llama3 only (else 0)
 * @param highFreqFactor llama3 only, > lowFreqFactor (else 0)
 * @param originalMaxPositions llama3 only: the pre-training context length (else 0)
 */
public record RopeScaling(
        String type, double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) {
    /** No scaling. */
    public static final RopeScaling NONE = new RopeScaling("default", 1, 0, 0, 0);

    public RopeScaling {
        type = type == null ? "default" : type.toLowerCase(Locale.ROOT);
        switch (type) {
            case "default" -> {}
            case "linear" -> {
                if (!(factor > 0)) {
                    throw new IllegalArgumentException("linear rope scaling needs factor > 0, got " + factor);
                }
            }
            case "llama3" -> {
                if (!(factor > 0)
                        || !(lowFreqFactor > 0)
                        || !(highFreqFactor > lowFreqFactor)
                        || originalMaxPositions < 1) {
                    throw new IllegalArgumentException(
                            "llama3 rope scaling needs factor > 0, 0 < low_freq_factor < high_freq_factor and "
                                    + "original_max_position_embeddings >= 1, got factor " + factor
                                    + ", low_freq_factor " + lowFreqFactor
                                    + ", high_freq_factor " + highFreqFactor + ", original_max_position_embeddings "
                                    + originalMaxPositions);
                }
            }
            default ->
                throw new IllegalArgumentException(
                        "rope_type '" + type + "' is not supported; supported: default, linear, llama3");
        }
    }

    /** A linear scaling by {@code factor}. */
    public static RopeScaling linear(double factor) {
        return new RopeScaling("linear", factor, 0, 0, 0);
    }

    /** Llama 3.1's scaling. */
    public static RopeScaling llama3(
            double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) {
        return new RopeScaling("llama3", factor, lowFreqFactor, highFreqFactor, originalMaxPositions);
    }

    /** True when frequencies are not scaled. */
    public boolean isDefault() {
        return type.equals("default");
    }

    /**
     * The {@code headDim / 2} inverse frequencies: {@code 1 / theta^(2i / headDim)} in fp32, then
     * scaled by this rule.
     */
    public float[] inverseFrequencies(int headDim, double theta) {
        int half = headDim / 2;
        float[] inv = new float[half];
        for (int i = 0; i < half; i++) {
            float exponent = (float) (2 * i) / headDim;
            inv[i] = 1f / (float) Math.pow((float) theta, exponent);
        }
        switch (type) {
            case "linear" -> {
                for (int i = 0; i < half; i++) {
                    inv[i] = inv[i] / (float) factor;
                }
            }
            case "llama3" -> {
                float f = (float) factor;
                float lowWavelength = (float) (originalMaxPositions / lowFreqFactor);
                float highWavelength = (float) (originalMaxPositions / highFreqFactor);
                for (int i = 0; i < half; i++) {
                    float wavelength = (float) (2 * Math.PI) / inv[i];
                    float scaled = wavelength > lowWavelength ? inv[i] / f : inv[i];
                    boolean medium = !(wavelength < highWavelength) && !(wavelength > lowWavelength);
                    if (medium) {
                        // Step by step in fp32, python scalars rounded to fp32, as torch evaluates it.
                        float s = ((float) originalMaxPositions / wavelength - (float) lowFreqFactor)
                                / (float) (highFreqFactor - lowFreqFactor);
                        scaled = (1 - s) * scaled / f + s * scaled;
                    }
                    inv[i] = scaled;
                }
            }
            default -> {}
        }
        return inv;
    }
}
