package org.babylab.runtime.internal.plan;

import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.store.KeyDocument;

/**
 * One cached computation of a plan: a tokenizer, model or stage declaration, or one evaluator applied
 * to one model. Steps with equal keys are the same step, shared by every trial listed in
 * {@link #trials()}. Immutable.
 *
 * @param key the cache key, SHA-256 hex of {@link #keyDocument()}
 * @param name the display name, e.g. {@code stage:pretrain [model=llama100m]}: kind and declared
 *     name (and for a curriculum phase {@code phase 1/2 (switchboard)}), plus the sweep values shared
 *     by every trial that uses the step; unique within the plan
 * @param kind TOKENIZER, MODEL, STAGE or EVALUATOR
 * @param type the factory's type id
 * @param decl the declaration computed (for evaluation steps, the evaluator's)
 * @param inputs what the key document lists as inputs: referenced name to step key or source
 *     fingerprint; for evaluation steps the evaluated model is under {@code "model"}
 * @param dependsOn keys of the steps this one needs finished first, in plan order
 * @param keyDocument what the key hashes
 * @param family for model-producing steps (MODEL, STAGE), the MODEL declaration whose factory loads
 *     the output; null otherwise
 * @param evaluates for evaluation steps, the name of the evaluated model or stage; null otherwise
 * @param trials labels of the trials that use this step, in sweep order
 * @param phase for one phase of a stage that follows a curriculum, that phase; null otherwise
 * @param kept for a kept checkpoint of a training stage ({@code pretrain@10M}), which stage and
 *     checkpoint; null otherwise. Such a step is computed by its stage's step, which publishes it
 *     while it trains; the step itself only depends on that stage for ordering, not in its key
 */
public record PlannedStep(
        String key,
        String name,
        ComponentKind kind,
        String type,
        ComponentDecl decl,
        Map<String, String> inputs,
        List<String> dependsOn,
        KeyDocument keyDocument,
        ComponentDecl family,
        String evaluates,
        List<String> trials,
        PhasePlan phase,
        KeptPlan kept) {
    /** The input name under which an evaluation step's key document lists the evaluated model. */
    public static final String EVALUATED_MODEL = "model";

    public PlannedStep {
        if (key == null || name == null || kind == null || type == null || decl == null || keyDocument == null) {
            throw new IllegalArgumentException("key, name, kind, type, decl and keyDocument are required");
        }
        inputs = Map.copyOf(inputs);
        dependsOn = List.copyOf(dependsOn);
        trials = List.copyOf(trials);
    }

    /** A step that is not a kept checkpoint. */
    public PlannedStep(
            String key,
            String name,
            ComponentKind kind,
            String type,
            ComponentDecl decl,
            Map<String, String> inputs,
            List<String> dependsOn,
            KeyDocument keyDocument,
            ComponentDecl family,
            String evaluates,
            List<String> trials,
            PhasePlan phase) {
        this(key, name, kind, type, decl, inputs, dependsOn, keyDocument, family, evaluates, trials, phase, null);
    }

    /** A step that is not a curriculum phase. */
    public PlannedStep(
            String key,
            String name,
            ComponentKind kind,
            String type,
            ComponentDecl decl,
            Map<String, String> inputs,
            List<String> dependsOn,
            KeyDocument keyDocument,
            ComponentDecl family,
            String evaluates,
            List<String> trials) {
        this(key, name, kind, type, decl, inputs, dependsOn, keyDocument, family, evaluates, trials, null, null);
    }

    /** True for steps that produce a model by computation: models and stages (curriculum phases included). */
    public boolean isTraining() {
        return kind == ComponentKind.MODEL || kind == ComponentKind.STAGE;
    }

    /** The first 12 hex digits of the key, as shown in plans. */
    public String shortKey() {
        return key.substring(0, 12);
    }

    /** The name without its sweep label, e.g. {@code stage:pretrain}: stable when sweep values change. */
    public String baseName() {
        int i = name.indexOf(" [");
        return i < 0 ? name : name.substring(0, i);
    }

    /** True for evaluation steps. */
    public boolean isEvaluation() {
        return kind == ComponentKind.EVALUATOR;
    }
}
