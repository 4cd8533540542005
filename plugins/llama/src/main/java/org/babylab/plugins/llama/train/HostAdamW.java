package org.babylab.plugins.llama.train;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.babylab.plugins.llama.model.DjlDevices;

/**
 * The AdamW update of one parameter as a single pass over host memory, split into contiguous
 * ranges across the intra-op thread count ({@link DjlDevices#threads()}). Element-wise, so the result does not depend on
 * how the ranges are split.
 */
final class HostAdamW {
    /** Elements per task below which splitting costs more than it saves. */
    private static final int MIN_RANGE = 1 << 16;

    private HostAdamW() {}

    /**
     * In place, for every element: {@code p *= decay}; {@code g' = g * gradScale};
     * {@code m = m*b1 + g'*c1}; {@code v = v*b2 + (g'*g')*c2} ({@code c1 = 1-b1}, {@code c2 = 1-b2},
     * rounded from double as PyTorch rounds a scalar); {@code p -= (m / (sqrt(v)/bc2Sqrt + eps)) * stepSize},
     * with {@code stepSize = lr/(1-b1^t)}: {@code torch.optim.AdamW}'s update, each operation rounded
     * to float in the order of the separate tensor operations. {@code g} is only read.
     */
    static void update(
            FloatBuffer p,
            FloatBuffer g,
            FloatBuffer m,
            FloatBuffer v,
            float decay,
            float gradScale,
            float b1,
            float c1,
            float b2,
            float c2,
            float bc2Sqrt,
            float eps,
            float stepSize) {
        int n = p.capacity();
        if (g.capacity() != n || m.capacity() != n || v.capacity() != n) {
            throw new IllegalArgumentException("AdamW arrays differ in size: parameter " + n + ", gradient "
                    + g.capacity() + ", moments " + m.capacity() + " and " + v.capacity());
        }
        int tasks = Math.max(1, Math.min(DjlDevices.threads(), n / MIN_RANGE));
        if (tasks == 1) {
            range(p, g, m, v, 0, n, decay, gradScale, b1, c1, b2, c2, bc2Sqrt, eps, stepSize);
            return;
        }
        IntStream.range(0, tasks)
                .parallel()
                .forEach(t -> range(
                        p,
                        g,
                        m,
                        v,
                        (int) ((long) n * t / tasks),
                        (int) ((long) n * (t + 1) / tasks),
                        decay,
                        gradScale,
                        b1,
                        c1,
                        b2,
                        c2,
                        bc2Sqrt,
                        eps,
                        stepSize));
    }

    private static void range(
            FloatBuffer p,
            FloatBuffer g,
            FloatBuffer m,
            FloatBuffer v,
            int from,
            int to,
            float decay,
            float gradScale,
            float b1,
            float c1,
            float b2,
            float c2,
            float bc2Sqrt,
            float eps,
            float stepSize) {
        for (int i = from; i < to; i++) {
            float gi = g.get(i) * gradScale;
            float mi = b1 * m.get(i) + c1 * gi;
            float vi = b2 * v.get(i) + c2 * (gi * gi);
            m.put(i, mi);
            v.put(i, vi);
            float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
            p.put(i, p.get(i) * decay - (mi / denom) * stepSize);
        }
    }
}
