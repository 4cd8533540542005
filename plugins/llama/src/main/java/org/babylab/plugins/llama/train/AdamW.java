package org.babylab.plugins.llama.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteOrder;
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
 *
 * <p>Two implementations of the same update. On the CPU, one fused pass per parameter reads the
 * parameter, gradient and moments from the tensors' own memory and writes the parameter and moments
 * back ({@link HostAdamW}): 7 array reads and writes per element instead of the ~30 that 14
 * separate tensor operations need (DJL's {@code adamUpdate} runs the same separate operations in
 * C++). On other devices, or with {@link #fusedOnHost(boolean) fusedOnHost(false)}, it runs as
 * tensor operations. The two agree to float rounding ({@code AdamWTest}); each is deterministic, so
 * a resumed run repeats an uninterrupted one bit for bit on the same device. Parameters, moments
 * and gradients must be dense and contiguous (as every array made by {@code NDManager.create} is).
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
    private boolean fusedOnHost = true;

    /** Zero moments for every parameter of {@code params}, on their device. */
    public AdamW(
            NDManager parent,
            Map<String, NDArray> params,
            Set<String> noDecay,
            double beta1,
            double beta2,
            double eps,
            double weightDecay) {
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

    /** One update with learning rate {@code lr}; frees its temporaries before returning. */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads, double lr) {
        step(params, grads, 1.0, lr);
    }

    /**
     * One update with learning rate {@code lr} from the gradients multiplied by {@code gradScale}
     * (the clipping coefficient; the gradient arrays themselves are not changed). Frees its
     * temporaries before returning.
     */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads, double gradScale, double lr) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, steps));
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            String name = e.getKey();
            NDArray p = e.getValue();
            NDArray g = grads.get(name);
            double decay = weightDecay > 0 && !noDecay.contains(name) ? 1 - lr * weightDecay : 1;
            if (fusedOnHost && onHost(p) && onHost(g)) {
                HostAdamW.update(
                        floats(p),
                        floats(g),
                        floats(m.get(name)),
                        floats(v.get(name)),
                        (float) decay,
                        (float) gradScale,
                        (float) beta1,
                        (float) (1 - beta1),
                        (float) beta2,
                        (float) (1 - beta2),
                        (float) bc2Sqrt,
                        (float) eps,
                        (float) (lr / bc1));
            } else {
                tensorUpdate(p, g, m.get(name), v.get(name), decay, gradScale, bc2Sqrt, lr / bc1);
            }
        }
    }

    /** The update as separate tensor operations, for any device. */
    private void tensorUpdate(
            NDArray p,
            NDArray g,
            NDArray mi,
            NDArray vi,
            double decay,
            double gradScale,
            double bc2Sqrt,
            double stepSize) {
        // The scope frees this parameter's temporaries (which DJL attaches to the state's manager) right away.
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            if (decay != 1) {
                p.muli(decay);
            }
            NDArray gs = gradScale == 1 ? g : g.mul(gradScale);
            mi.muli(beta1).addi(gs.mul(1 - beta1));
            vi.muli(beta2).addi(gs.square().muli(1 - beta2));
            NDArray denom = vi.sqrt().divi(bc2Sqrt).addi(eps);
            p.subi(mi.div(denom).muli(stepSize));
        }
    }

    /**
     * Chooses the fused host update (true, the default) or tensor operations (false) for arrays on
     * the CPU; arrays on other devices always use tensor operations. For tests and benchmarks that
     * compare the two.
     */
    public void fusedOnHost(boolean fused) {
        this.fusedOnHost = fused;
    }

    private static boolean onHost(NDArray a) {
        return a instanceof PtNDArray
                && ai.djl.Device.cpu().equals(a.getDevice())
                && a.getDataType() == DataType.FLOAT32
                && !a.isSparse();
    }

    /** The array's own memory (not a copy) as floats; only for dense contiguous float32 arrays on the CPU. */
    static FloatBuffer floats(NDArray a) {
        return JniUtils.getByteBuffer((PtNDArray) a, true)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
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
        NDArray target =
                key.startsWith("m/") ? m.get(key.substring(2)) : key.startsWith("v/") ? v.get(key.substring(2)) : null;
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
