package org.babylab.api.eval;

/**
 * Which model an evaluation step scores, for evaluators that log it, name it in predictions or keep
 * per-model state. Added in API 0.6.
 *
 * @param name the model's name as the plan shows it (a {@code models:} or {@code stages:} entry, with
 *     a kept checkpoint's or sweep's suffix when it has one), never blank
 * @param key the store key of the model's entry (lower-case hex SHA-256): equal keys mean the same
 *     weights, so it identifies the model across runs and studies
 */
public record EvaluatedModel(String name, String key) {
    public EvaluatedModel {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "an evaluated model needs a name, got " + (name == null ? "null" : "a blank string"));
        }
        if (key == null || !key.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("model '" + name + "': key must be lower-case hex, got " + key);
        }
    }
}
