package org.babylab.toolkit.scoring;

import java.util.List;

/**
 * Scores continuation requests against one language model. Every implementation must give the same
 * numbers (within floating-point noise) for the same model and requests; they differ only in speed.
 * Implementations use the model from one thread at a time and are not thread-safe themselves.
 */
public interface SequenceScorer {

    /**
     * Scores every request.
     *
     * @param requests the requests, never null, possibly empty
     * @return one score per request, in the same order
     * @throws IllegalArgumentException if a request cannot be scored within the model's maximum length
     */
    List<ContinuationScore> score(List<ContinuationRequest> requests);
}
