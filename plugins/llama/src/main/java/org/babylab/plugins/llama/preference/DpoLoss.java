package org.babylab.plugins.llama.preference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The DPO family of losses, with TRL's ({@code DPOTrainer.dpo_loss}) formulas. With
 * {@code logits = (pi_chosen - pi_rejected) - (ref_chosen - ref_rejected)}, the per-pair losses are
 * <ul>
 *   <li>{@code sigmoid} (the DPO paper; TRL's default), with conservative DPO's label smoothing
 *   {@code e}: {@code -(1-e) log sigmoid(beta logits) - e log sigmoid(-beta logits)};</li>
 *   <li>{@code hinge} (RSO): {@code relu(1 - beta logits)};</li>
 *   <li>{@code ipo}: {@code (logits - 1/(2 beta))^2}, on per-token mean log-probs (TRL averages
 *   them for IPO only).</li>
 * </ul>
 * The implicit rewards TRL logs are {@code beta (pi - ref)} of each reply.
 *
 * @param kind the loss
 * @param beta the inverse temperature, > 0
 * @param labelSmoothing conservative DPO's assumed label-noise rate in [0, 0.5); sigmoid only
 */
public record DpoLoss(Kind kind, double beta, double labelSmoothing) {
    /** The loss types; {@link #id()} is the YAML spelling. */
    public enum Kind {
        SIGMOID,
        HINGE,
        IPO;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the valid losses */
        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.id().equals(text)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("loss '" + text + "' is not one of "
                    + Arrays.stream(values()).map(Kind::id).collect(Collectors.joining(", ")));
        }
    }

    public DpoLoss {
        if (!(beta > 0)) {
            throw new IllegalArgumentException("beta must be > 0, got " + beta);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
            throw new IllegalArgumentException("label_smoothing must be in [0, 0.5), got " + labelSmoothing);
        }
        if (labelSmoothing > 0 && kind != Kind.SIGMOID) {
            throw new IllegalArgumentException(
                    "label_smoothing (conservative DPO) applies to loss: sigmoid only, not " + kind.id());
        }
    }

    /** True when replies are scored by their mean token log-prob rather than the sum. */
    public boolean averagesLogProbs() {
        return kind == Kind.IPO;
    }

    /** Per-pair losses {@code [B]}; every argument is {@code [B]}; scalars are tensors of {@code sm} (autograd keeps them). */
    public NDArray losses(NDManager sm, NDArray piChosen, NDArray piRejected, NDArray refChosen, NDArray refRejected) {
        NDArray logits = piChosen.sub(piRejected).sub(refChosen.sub(refRejected));
        NDArray b = sm.create((float) beta);
        return switch (kind) {
            case SIGMOID -> {
                NDArray z = logits.mul(b);
                NDArray pos = logSigmoid(z).mul(sm.create((float) (1 - labelSmoothing)));
                NDArray neg = logSigmoid(z.neg()).mul(sm.create((float) labelSmoothing));
                yield pos.add(neg).neg();
            }
            case HINGE -> sm.create(1f).sub(logits.mul(b)).maximum(sm.create(0f));
            case IPO -> logits.sub(sm.create((float) (1 / (2 * beta)))).square();
        };
    }

    /** {@code log sigmoid(z) = -softplus(-z)}, computed stably as {@code min(z, 0) - log(1 + exp(-|z|))}. */
    private static NDArray logSigmoid(NDArray z) {
        NDArray zero = z.zerosLike();
        return z.minimum(zero).sub(z.abs().neg().exp().add(z.onesLike()).log());
    }

    /** The per-pair loss on host values, for logs and checks. */
    public double loss(double piChosen, double piRejected, double refChosen, double refRejected) {
        double logits = (piChosen - piRejected) - (refChosen - refRejected);
        return switch (kind) {
            case SIGMOID ->
                -(1 - labelSmoothing) * logSigmoid(beta * logits) - labelSmoothing * logSigmoid(-beta * logits);
            case HINGE -> Math.max(0, 1 - beta * logits);
            case IPO -> Math.pow(logits - 1 / (2 * beta), 2);
        };
    }

    private static double logSigmoid(double z) {
        return Math.min(z, 0) - Math.log1p(Math.exp(-Math.abs(z)));
    }
}
