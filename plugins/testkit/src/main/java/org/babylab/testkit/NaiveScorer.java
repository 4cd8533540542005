package org.babylab.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.babylab.api.model.LanguageModel;
import org.babylab.toolkit.scoring.ContinuationRequest;
import org.babylab.toolkit.scoring.ContinuationScore;
import org.babylab.toolkit.scoring.ContinuationScorer;
import org.babylab.toolkit.scoring.EncodedRequest;
import org.babylab.toolkit.scoring.RequestEncoder;
import org.babylab.toolkit.scoring.SequenceScorer;

/**
 * The reference scorer, the BabyLM pipeline's way: every request is tokenized and read by the model
 * on its own, one sequence per call, with no reuse. It exists so that {@link ContinuationScorer}'s
 * dedupe, prefix sharing and batching can be checked against it (parity test) and timed against it
 * (benchmark). Spans, BOS and truncation follow {@link RequestEncoder}, the rule being the same.
 * A plugin that scores through its own {@link SequenceScorer} (or builds its own batches from
 * {@link RequestEncoder#encode}) can check in its tests that it gives this scorer's numbers. Test
 * code: it lives in the test kit, not in the toolkit that plugin jars bundle. Not thread-safe.
 */
public final class NaiveScorer implements SequenceScorer {
    private final LanguageModel model;
    private final RequestEncoder encoder;
    private long lastTokens;

    public NaiveScorer(LanguageModel model) {
        this(model, new RequestEncoder(model));
    }

    /** A scorer that encodes requests with {@code encoder} (built for the same model). */
    public NaiveScorer(LanguageModel model, RequestEncoder encoder) {
        this.model = Objects.requireNonNull(model, "model");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /** Tokens sent to the model by the latest {@link #score} call. */
    public long lastTokens() {
        return lastTokens;
    }

    @Override
    public List<ContinuationScore> score(List<ContinuationRequest> requests) {
        List<ContinuationScore> scores = new ArrayList<>(requests.size());
        long tokens = 0;
        for (ContinuationRequest r : requests) {
            EncodedRequest e = encoder.encode(r);
            if (!e.needsModel()) {
                scores.add(new ContinuationScore(0.0, 0, e.firstTokenUnscored()));
                continue;
            }
            double[] lp = model.logProbs(List.of(e.sequence())).get(0);
            if (lp.length != e.sequence().length) {
                throw new IllegalStateException("the model returned " + lp.length + " log-probs for a sequence of "
                        + e.sequence().length + " tokens");
            }
            scores.add(e.sum(lp));
            tokens += e.sequence().length;
        }
        lastTokens = tokens;
        return scores;
    }
}
