package org.babylab.plugins.llama.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import org.babylab.plugins.llama.model.LlamaModel;

/**
 * Backward of the summed next-token cross-entropy of a causal LM without the {@code [B, T, vocab]}
 * log-softmax: the output head and the loss run over chunks of rows, each chunk's gradient with
 * respect to its logits written directly as {@code softmax - onehot(target)} (what
 * {@code log_softmax} + {@code nll_loss} backward computes) and passed to the head's matmul
 * backward, then the hidden states' gradient is passed on to the decoder in one backward call.
 *
 * <p>Against autograd over {@code logits.logSoftmax(-1).gather(targets).sum()} this saves the full
 * log-softmax output, the zero-filled gradient of the gather and the separate log-softmax backward
 * (three arrays of {@code B*T*vocab} floats: 768 MiB at 8 x 512 with a vocabulary of 16,384) and
 * keeps every per-chunk array near {@link #CHUNK_FLOATS} floats, small enough for the allocator to
 * reuse without page faults. Same loss and gradients to float rounding ({@code NextTokenLossTest}).
 */
final class NextTokenLoss {
    /** Floats in one chunk of logits (64 MiB). */
    static final long CHUNK_FLOATS = GradientStep.LOSS_CHUNK_FLOATS;

    private NextTokenLoss() {}

    /**
     * Adds to every parameter's gradient {@code scale} times the gradient of the summed negative
     * log-likelihood of {@code targets} ({@code [B, T]} int64) after {@code ids} ({@code [B, T]}
     * int64), and returns that sum. Must run inside an open gradient collector (grad mode on);
     * arrays it creates belong to {@code sm}.
     */
    static double backward(LlamaModel model, NDManager sm, NDArray ids, NDArray targets, double scale) {
        return backward(model, sm, ids, targets, scale, CHUNK_FLOATS);
    }

    /** {@link #backward(LlamaModel, NDManager, NDArray, NDArray, double)} with chunks of about {@code chunkFloats} logits. */
    static double backward(
            LlamaModel model, NDManager sm, NDArray ids, NDArray targets, double scale, long chunkFloats) {
        NDArray hidden = model.hidden(sm, ids);
        long d = hidden.getShape().get(2);
        long rows = hidden.size() / d;
        long vocab = model.architecture().vocabSize();
        NDArray flatHidden = hidden.stopGradient().reshape(rows, d);
        NDArray flatTargets = targets.reshape(rows, 1);
        long chunk = Math.max(1, Math.min(rows, chunkFloats / vocab));
        List<NDArray> hiddenGrads = new ArrayList<>();
        double nll = 0;
        for (long start = 0; start < rows; start += chunk) {
            long end = Math.min(rows, start + chunk);
            NDIndex range = new NDIndex(start + ":" + end);
            // A leaf per chunk: the head's backward leaves the chunk's hidden-state gradient in it.
            NDArray h = flatHidden.get(sm, range);
            h.setRequiresGradient(true);
            NDArray logits = model.head(h);
            NDArray y = flatTargets.get(sm, range);
            NDArray logitsGrad;
            try (Autograd.Scope noGrad = Autograd.noGrad()) {
                NDArray logProbs = logits.logSoftmax(-1);
                NDArray picked = logProbs.gather(y, 1);
                nll -= picked.sum().getFloat();
                logitsGrad = logProbs.exp();
                logProbs.close();
                // softmax - onehot: subtract one at each row's target, in place through a flat view.
                NDArray flatIndex = sm.arange(0L, end - start, 1L, ai.djl.ndarray.types.DataType.INT64)
                        .muli(vocab)
                        .addi(y.reshape(-1));
                logitsGrad
                        .reshape(-1)
                        .set(new NDIndex("{}", flatIndex), picked.exp().subi(1).reshape(-1));
                logitsGrad.muli(scale);
            }
            JniUtils.backward((PtNDArray) logits, (PtNDArray) logitsGrad, false, false);
            hiddenGrads.add(h.getGradient());
            logits.close();
            logitsGrad.close();
        }
        NDArray hiddenGrad = hiddenGrads.size() == 1 ? hiddenGrads.get(0) : NDArrays.concat(new NDList(hiddenGrads), 0);
        JniUtils.backward((PtNDArray) hidden, (PtNDArray) hiddenGrad.reshape(hidden.getShape()), false, false);
        return nll;
    }
}
