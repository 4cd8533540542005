package org.babylab.runtime;

import java.util.Objects;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.internal.plan.PlannedStep;

/**
 * One step of a {@link StudyPlan}: a cached computation (a tokenizer, a model, a training stage, an
 * evaluation, a kept checkpoint) identified by its key.
 *
 * <p>Added in API 0.6.
 *
 * @param name its name as {@code babylab plan} prints it, e.g. {@code stage:pretrain} or
 *     {@code eval:blimp on tiny}
 * @param key its cache key, 64 hex digits
 * @param kind its component kind
 * @param type its factory's type id
 */
public record StudyStep(String name, String key, ComponentKind kind, String type) {
    public StudyStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        if (key == null || key.length() < 12) {
            throw new IllegalArgumentException("key must be a step key, got " + key);
        }
    }

    /** The public view of a planned step. */
    static StudyStep of(PlannedStep step) {
        return new StudyStep(step.name(), step.key(), step.kind(), step.type());
    }

    /** The first 12 hex digits of the key, as the console prints them. */
    public String shortKey() {
        return key.substring(0, 12);
    }
}
