package org.babylab.runtime.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.babylab.api.eval.EvaluationResult;

/**
 * The files an evaluation step publishes in its entry's output directory, and the reader of its
 * metrics. The executor writes them; results tables, reports and tests read them through here, so
 * the file names live in one place.
 */
public final class EvaluationOutputs {
    /** The evaluation's {@link EvaluationResult}, as JSON. */
    public static final String METRICS = "metrics.json";
    /** One JSON object per scored item, written while the evaluator runs. */
    public static final String PREDICTIONS = "predictions.jsonl";

    private EvaluationOutputs() {}

    /**
     * Reads the metrics the evaluation step {@code key} published.
     *
     * @return empty when the entry is not complete (absent or damaged) or holds no metrics file
     * @throws IOException when the metrics file cannot be read or parsed
     */
    public static Optional<EvaluationResult> metrics(Store store, String key) throws IOException {
        Path f = store.outputDir(key).resolve(METRICS);
        return store.isComplete(key) && Files.isRegularFile(f)
                ? Optional.of(Json.read(f, EvaluationResult.class))
                : Optional.empty();
    }
}
