package org.babylab.api.eval;

import java.util.Map;

/**
 * Receives per-item predictions; the runtime writes each as one JSONL line of the step's
 * {@code predictions.jsonl}. Values must be JSON values: strings, numbers, booleans, null (kept
 * as {@code null}), and lists and maps with string keys of those. Anything else (a record, an
 * enum, an array, a {@code Path}) is refused with an {@link IllegalArgumentException} naming its
 * key, which fails the step (refused since API 0.5; earlier runtimes dropped nulls and serialised
 * other objects as their JSON library saw fit). Safe to call from several threads.
 */
public interface PredictionSink {

    void accept(Map<String, Object> prediction);
}
