package org.babylab.plugins.llama.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * AdamW (Loshchilov and Hutter) over NDArrays, with state this class owns so it can be saved and
 * restored exactly: the same update as {@code torch.optim.AdamW}: decoupled decay
 * {@code p -= lr*wd*p}, then {@code p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}.
 *
 * <p>DJL's own optimisers cannot export their state, which exact resumption needs. Parameters in
 * {@code noDecay} (RMSNorm gains) are not decayed. Not thread-safe. Must be called outside a
 * gradient collector (updates are in place and must not be recorded).
 */
public final class AdamW implements AutoCloseable {
    private final NDManager stateManager;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final Set<String> noDecay;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long steps;

    /** Zero moments for every parameter of {@code params}, on their device. */
    public AdamW(NDManager parent, Map<String, NDArray> params, Set<String> noDecay, double beta1, double beta2, double eps, double weightDecay) {
        this.stateManager = parent.newSubManager();
        this.noDecay = Set.copyOf(noDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        params.forEach((name, p) -> {
            m.put(name, stateManager.zeros(p.getShape()));
            v.put(name, stateManager.zeros(p.getShape()));
        });
    }

    /** Optimiser steps taken so far (the {@code t} of the bias correction). */
    public long steps() {
        return steps;
    }

    /**
     * One update with learning rate {@code lr}; frees its temporaries before returning.
     */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads, double lr) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, steps));
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            // The scope frees this parameter's temporaries (which DJL attaches to the state's manager) right away.
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                String name = e.getKey();
                NDArray p = e.getValue();
                NDArray g = grads.get(name);
                NDArray mi = m.get(name);
                NDArray vi = v.get(name);
                if (weightDecay > 0 && !noDecay.contains(name)) {
                    p.muli(1 - lr * weightDecay);
                }
                mi.muli(beta1).addi(g.mul(1 - beta1));
                vi.muli(beta2).addi(g.square().muli(1 - beta2));
                NDArray denom = vi.sqrt().divi(bc2Sqrt).addi(eps);
                p.subi(mi.div(denom).muli(lr / bc1));
            }
        }
    }

    /** The moments, by {@code "m/<name>"} and {@code "v/<name>"}, as host arrays (for checkpoints). */
    public Map<String, float[]> exportState() {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.forEach((k, a) -> out.put("m/" + k, a.toFloatArray()));
        v.forEach((k, a) -> out.put("v/" + k, a.toFloatArray()));
        return out;
    }

    /** The shapes of {@link #exportState()}'s arrays. */
    public Map<String, long[]> stateShapes() {
        Map<String, long[]> out = new LinkedHashMap<>();
        m.forEach((k, a) -> out.put("m/" + k, a.getShape().getShape()));
        v.forEach((k, a) -> out.put("v/" + k, a.getShape().getShape()));
        return out;
    }

    /** Copies one exported array back into place. */
    public void importState(String key, float[] values) {
        NDArray target = key.startsWith("m/") ? m.get(key.substring(2)) : key.startsWith("v/") ? v.get(key.substring(2)) : null;
        if (target == null) {
            throw new IllegalArgumentException("optimizer state has no array " + key);
        }
        target.set(FloatBuffer.wrap(values));
    }

    /** Sets the step counter after restoring state. */
    public void restoreSteps(long restored) {
        this.steps = restored;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
