package org.babylab.api.eval;

import java.util.Map;

/**
 * Receives per-item predictions; the runtime writes each as one JSONL line of the step's
 * {@code predictions.jsonl}. Values must be JSON-like (String, Number, Boolean, null, List, Map).
 * Safe to call from several threads.
 */
public interface PredictionSink {

    void accept(Map<String, Object> prediction);
}
