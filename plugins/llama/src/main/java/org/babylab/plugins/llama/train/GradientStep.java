package org.babylab.plugins.llama.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.plugins.llama.model.LlamaModel;

/**
 * One optimiser step shared by every LLaMA training stage: backward over the step's micro-batches
 * (gradient accumulation), global-norm clipping, an {@link AdamW} update and zeroed gradients. What
 * a stage trains on is only the loss it hands in: a summed loss per micro-batch and the number that
 * turns the sum into a mean (tokens for {@code causal-lm}, reply tokens for
 * {@code instruction-tune}).
 *
 * <p>Stateless; the model's parameters must require gradients, and the caller's thread must have
 * grad mode off ({@link Autograd#noGrad()}) so the in-place update is not recorded.
 */
public final class GradientStep {
    /** The summed loss of one micro-batch as a scalar attached to {@code sm}, recorded for autograd. */
    @FunctionalInterface
    public interface MicroBatchLoss {
        NDArray sum(NDManager sm);
    }

    /**
     * One micro-batch of next-token prediction: {@code [B, T]} int64 input ids and {@code [B, T]}
     * int64 targets (the next token of every position), attached to {@code sm}.
     */
    @FunctionalInterface
    public interface NextTokenBatch {
        NDArray[] idsAndTargets(NDManager sm);
    }

    /** Logits per chunk of {@link #runNextToken}'s loss head (64 MiB of fp32): its memory does not grow with batch or sequence. */
    public static final long LOSS_CHUNK_FLOATS = 16L << 20;

    private GradientStep() {}

    /**
     * {@link #run} for the summed next-token cross-entropy of every position, with the output head
     * and loss computed in chunks without the full log-softmax ({@link NextTokenLoss}): the same
     * loss and update to float rounding, less time and memory. Returns the step's normalised loss
     * and the gradient norm before clipping.
     */
    public static Measured runNextToken(
            LlamaModel model,
            AdamW adam,
            OptimizerConfig opt,
            List<NextTokenBatch> micro,
            double normaliser,
            double lr) {
        Map<String, NDArray> params = model.parameters();
        try (NDScope scope = new NDScope();
                NDManager sm = model.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            double lossSum = 0;
            Autograd.COLLECTOR.lock();
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                for (NextTokenBatch batch : micro) {
                    try (NDManager mm = sm.newSubManager()) {
                        NDArray[] xy = batch.idsAndTargets(mm);
                        lossSum += NextTokenLoss.backward(model, mm, xy[0], xy[1], 1.0 / normaliser) / normaliser;
                    }
                }
            } finally {
                Autograd.COLLECTOR.unlock();
            }
            double norm = clipAndUpdate(sm, params, adam, opt.gradClip(), lr);
            return new Measured(lossSum, norm);
        }
    }

    /**
     * Runs backward over {@code micro}, each loss divided by {@code normaliser}, leaving the
     * accumulated gradients in the parameters; returns the normalised loss of the step.
     * Arrays it creates belong to {@code sm} (or to the caller's {@link NDScope}).
     */
    public static double backward(NDManager sm, List<MicroBatchLoss> micro, double normaliser) {
        double lossSum = 0;
        Autograd.COLLECTOR.lock();
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            for (MicroBatchLoss m : micro) {
                // Scale by a tensor of sm: a Java-number scalar would be freed before backward reads it.
                NDArray loss = m.sum(sm).mul(sm.create((float) (1.0 / normaliser)));
                gc.backward(loss);
                lossSum += loss.getFloat();
            }
        } finally {
            Autograd.COLLECTOR.unlock();
        }
        return lossSum;
    }

    /**
     * A whole optimiser step with learning rate {@code lr}: {@link #backward}, clipping to
     * {@code opt.gradClip()}, the AdamW update and zeroing the gradients. Frees every array it
     * creates. Returns the step's normalised loss.
     */
    public static double run(
            LlamaModel model,
            AdamW adam,
            OptimizerConfig opt,
            List<MicroBatchLoss> micro,
            double normaliser,
            double lr) {
        return measured(model, adam, opt, micro, normaliser, lr).loss();
    }

    /** What one optimiser step measured: its normalised loss and the global gradient norm before clipping. */
    public record Measured(double loss, double gradNorm) {}

    /** {@link #run}, also returning the gradient norm before clipping (for per-step metrics). */
    public static Measured measured(
            LlamaModel model,
            AdamW adam,
            OptimizerConfig opt,
            List<MicroBatchLoss> micro,
            double normaliser,
            double lr) {
        Map<String, NDArray> params = model.parameters();
        // NDScope frees every array created during the step, including ones DJL attaches to the parameters' manager.
        try (NDScope scope = new NDScope();
                NDManager sm = model.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            double loss = backward(sm, micro, normaliser);
            double norm = clipAndUpdate(sm, params, adam, opt.gradClip(), lr);
            return new Measured(loss, norm);
        }
    }

    /**
     * Moves the gradients of {@code params} into {@code sm}, scales them so their global L2 norm is
     * at most {@code clip} (0: no clipping; PyTorch's clip_grad_norm_ rule, with its 1e-6), applies
     * the AdamW update at {@code lr} and zeroes the gradients. What every trainer does after its
     * backward pass. Returns the global gradient norm before clipping.
     */
    public static double clipAndUpdate(NDManager sm, Map<String, NDArray> params, AdamW adam, double clip, double lr) {
        Map<String, NDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray g = e.getValue().getGradient();
            g.attach(sm);
            grads.put(e.getKey(), g);
        }
        double coef = 1;
        double norm = Math.sqrt(sumOfSquares(grads.values()));
        if (clip > 0) {
            if (norm > clip) {
                coef = clip / (norm + 1e-6);
            }
        }
        // The clipping coefficient scales the gradients inside the update, which saves a pass over them.
        adam.step(params, grads, coef, lr);
        for (NDArray p : params.values()) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
        return norm;
    }

    /**
     * The squared global L2 norm of {@code grads}, as float tensor sums added in order: exactly the
     * value the clipping has always used, so that the fused AdamW update reproduces earlier runs bit
     * for bit.
     */
    static double sumOfSquares(Iterable<NDArray> grads) {
        NDArray sq = null;
        for (NDArray g : grads) {
            NDArray s = g.square().sum();
            sq = sq == null ? s : sq.add(s);
        }
        return sq == null ? 0 : sq.getFloat();
    }

    /** Sets every parameter's gradient to zero. */
    public static void zeroGradients(LlamaModel model) {
        for (NDArray p : model.parameters().values()) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }
}
