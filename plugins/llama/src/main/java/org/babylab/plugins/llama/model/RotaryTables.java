package org.babylab.plugins.llama.model;

/**
 * Rotary embedding tables, computed in float32 arithmetic the way Hugging Face's
 * {@code LlamaRotaryEmbedding} does (inverse frequencies, position times frequency, then cos/sin),
 * so imported checkpoints see the same angles they were trained with even at long positions.
 */
final class RotaryTables {
    private RotaryTables() {}

    /** {cos, sin}, each {@code [maxLength, headDim]} row-major, the frequencies repeated for both halves. */
    static float[][] cosSin(int maxLength, int headDim, double theta) {
        return cosSin(maxLength, headDim, theta, RopeScaling.NONE);
    }

    /** As {@link #cosSin(int, int, double)} with the inverse frequencies scaled by {@code scaling}. */
    static float[][] cosSin(int maxLength, int headDim, double theta, RopeScaling scaling) {
        int half = headDim / 2;
        float[] invFreq = scaling.inverseFrequencies(headDim, theta);
        float[] cos = new float[maxLength * headDim];
        float[] sin = new float[maxLength * headDim];
        for (int pos = 0; pos < maxLength; pos++) {
            for (int i = 0; i < half; i++) {
                float angle = (float) pos * invFreq[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[pos * headDim + i] = c;
                cos[pos * headDim + half + i] = c;
                sin[pos * headDim + i] = s;
                sin[pos * headDim + half + i] = s;
            }
        }
        return new float[][] {cos, sin};
    }
}
