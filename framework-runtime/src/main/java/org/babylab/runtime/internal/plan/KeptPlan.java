package org.babylab.runtime.internal.plan;

/**
 * What makes a step a kept checkpoint of a training stage ({@code pretrain@10M}): the stage step that
 * publishes it while it trains, and the checkpoint's name. Immutable.
 *
 * @param stageKey the key of the training step that publishes this checkpoint
 * @param stage the stage's declared name, e.g. {@code pretrain}
 * @param name the checkpoint's name, e.g. {@code 10M} or {@code epoch-3}
 */
public record KeptPlan(String stageKey, String stage, String name) {
    /** The separator between a stage's name and a checkpoint's in {@code evaluate.on}. */
    public static final char AT = '@';
    /** The checkpoint name that stands for all of a stage's kept checkpoints: {@code pretrain@*}. */
    public static final String ALL = "*";

    public KeptPlan {
        if (stageKey == null || stage == null || name == null) {
            throw new IllegalArgumentException("stageKey, stage and name are required");
        }
    }

    /** {@code stage@name}, as written in {@code evaluate.on}. */
    public String address() {
        return stage + AT + name;
    }
}
