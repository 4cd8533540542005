package org.babylab.toolkit.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.ProgressReporter;

/**
 * The fast scorer: reads every distinct token sequence once, in length-sorted batches.
 *
 * <p>Spans, BOS and truncation follow {@link RequestEncoder}. On top of that it
 * <ul>
 *   <li>dedupes identical token sequences (an EWoK target scored under the same context twice, an
 *       entity-tracking option list repeated, a dialogue reply shared by two items);</li>
 *   <li>reads a sequence that is a token prefix of another from the longer one's forward pass: for a
 *       causal model {@code lp[i]} depends only on tokens {@code 0..i}, so the prefix's log-probs are
 *       the first positions of the longer one's. This is what lets all words of a reading-times
 *       sentence come from one pass;</li>
 *   <li>sends what remains in lexicographic order, in calls of at most
 *       {@link LanguageModel#preferredBatchTokens()} tokens, so sequences that share a beginning
 *       (the two sentences of a minimal pair up to where they differ, the sentences of one template)
 *       reach the model in the same call: a model that computes a shared prefix once (the LLaMA
 *       does) needs them together. Sentences of one template are also of similar length, so a model
 *       that pads wastes little; it may reorder within a call as it likes.</li>
 * </ul>
 * Sums are done in double, in position order, exactly as the test kit's reference {@code NaiveScorer} does, and the model
 * contract makes log-probs independent of batch composition, so results do not depend on the
 * batch size. Not thread-safe; uses the model from the calling thread only.
 */
public final class ContinuationScorer implements SequenceScorer {
    private final LanguageModel model;
    private final RequestEncoder encoder;
    private final ProgressReporter progress;
    private ScoringStats lastStats = ScoringStats.NONE;
    private long lastTokens;
    private int lastBatches;

    /** A scorer that reports progress nowhere. */
    public ContinuationScorer(LanguageModel model) {
        this(model, ProgressReporter.none());
    }

    /** A scorer that reports tokens read to {@code progress} (phase {@code "score"}). */
    public ContinuationScorer(LanguageModel model, ProgressReporter progress) {
        this(model, progress, new RequestEncoder(model));
    }

    /** A scorer that encodes requests with {@code encoder} (built for the same model), e.g. under pipeline rules. */
    public ContinuationScorer(LanguageModel model, ProgressReporter progress, RequestEncoder encoder) {
        this.model = Objects.requireNonNull(model, "model");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** True when a BOS token is prepended, so every token of a continuation is scored. */
    public boolean hasBos() {
        return encoder.hasBos();
    }

    /** The encoder, whose rules and BOS choice callers building their own sequences follow. */
    public RequestEncoder encoder() {
        return encoder;
    }

    /** The cost of the latest {@link #score} call. */
    public ScoringStats lastStats() {
        return lastStats;
    }

    @Override
    public List<ContinuationScore> score(List<ContinuationRequest> requests) {
        return score(requests, model.preferredBatchTokens());
    }

    /** {@link #score} with calls of at most {@code batchTokens} tokens (one sequence per call at least). */
    private List<ContinuationScore> score(List<ContinuationRequest> requests, int batchTokens) {
        EncodedRequest[] encoded = new EncodedRequest[requests.size()];
        List<int[]> sequences = new ArrayList<>();
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = encoder.encode(requests.get(i));
            if (encoded[i].needsModel()) {
                sequences.add(encoded[i].sequence());
            }
        }
        double[][] logProbs = read(sequences, requests.size(), batchTokens);
        List<ContinuationScore> scores = new ArrayList<>(encoded.length);
        int next = 0;
        for (EncodedRequest e : encoded) {
            scores.add(
                    e.needsModel() ? e.sum(logProbs[next++]) : new ContinuationScore(0.0, 0, e.firstTokenUnscored()));
        }
        return scores;
    }

    /**
     * Scores several continuations of one context, such as the options of a multiple-choice item, in
     * one call: the same scores as {@link #score} on {@code new ContinuationRequest(context, c)} for each
     * {@code c} (same spans, BOS and truncation rules), but every sequence the model must read goes into
     * a single {@link LanguageModel#logProbs} call, even beyond {@link LanguageModel#preferredBatchTokens()}.
     * A model that computes a shared prefix once (the LLaMA does) thus reads the shared context once;
     * a continuation whose sequence is a token prefix of another's is not read separately.
     *
     * @param context the shared conditioning text, possibly empty
     * @param continuations the scored texts, each non-empty; possibly none
     * @return one score per continuation, in order
     * @throws IllegalArgumentException if a continuation is empty or cannot be scored within the model's maximum length
     */
    public List<ContinuationScore> scoreContinuations(String context, List<String> continuations) {
        List<ContinuationRequest> requests = new ArrayList<>(continuations.size());
        for (String c : continuations) {
            requests.add(new ContinuationRequest(context, c));
        }
        return score(requests, Integer.MAX_VALUE);
    }

    /**
     * Per-position log-probs of raw token sequences, with the same dedupe, prefix sharing and
     * batching as {@link #score}: for callers that build their own sequences (the pipeline's
     * reading-times rule). The array for a sequence may be longer than it (it is read from a longer
     * sequence it is a prefix of); positions {@code [0, length)} are its own.
     *
     * @param sequences non-empty sequences of valid ids, none longer than the model's maximum
     */
    public double[][] logProbs(List<int[]> sequences) {
        for (int[] s : sequences) {
            if (s.length == 0 || s.length > model.maxSequenceLength()) {
                throw new IllegalArgumentException("a sequence of " + s.length
                        + " tokens cannot be read by a model of maxSequenceLength " + model.maxSequenceLength());
            }
        }
        return read(sequences, sequences.size(), model.preferredBatchTokens());
    }

    private double[][] read(List<int[]> sequences, int requestCount, int batchTokens) {
        // Lexicographic order puts identical sequences side by side and every sequence right before
        // its extensions, so one backwards sweep finds, for each sequence, the longest sequence it
        // is a prefix of (its host). No hashing of token arrays is needed.
        Integer[] order = new Integer[sequences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compare(sequences.get(a), sequences.get(b)));
        int[] hostOf = new int[order.length];
        List<int[]> hosts = new ArrayList<>();
        int distinct = 0;
        for (int k = order.length - 1; k >= 0; k--) {
            int[] seq = sequences.get(order[k]);
            int[] next = k + 1 < order.length ? sequences.get(order[k + 1]) : null;
            if (next == null || !Arrays.equals(seq, next)) {
                distinct++;
            }
            if (next != null && RequestEncoder.startsWith(next, seq)) {
                hostOf[order[k]] = hostOf[order[k + 1]];
            } else {
                hostOf[order[k]] = hosts.size();
                hosts.add(seq);
            }
        }
        double[][] hostLogProbs = readHosts(hosts, batchTokens);
        lastStats = new ScoringStats(requestCount, distinct, hosts.size(), lastTokens, lastBatches);
        double[][] out = new double[order.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = hostLogProbs[hostOf[i]];
        }
        return out;
    }

    /** Reads every host sequence once, in lexicographic order, in calls of at most the model's preferred tokens; log-probs by host index. */
    private double[][] readHosts(List<int[]> hosts, int batchTokens) {
        Integer[] byContent = new Integer[hosts.size()];
        for (int i = 0; i < byContent.length; i++) {
            byContent[i] = i;
        }
        Arrays.sort(byContent, (a, b) -> Arrays.compare(hosts.get(a), hosts.get(b)));
        long totalTokens = 0;
        for (int[] h : hosts) {
            totalTokens += h.length;
        }
        progress.start("score", "tokens", totalTokens);

        int budget = Math.max(1, batchTokens);
        double[][] out = new double[hosts.size()][];
        int batches = 0;
        int start = 0;
        while (start < byContent.length) {
            long tokens = hosts.get(byContent[start]).length;
            int end = start + 1;
            while (end < byContent.length && tokens + hosts.get(byContent[end]).length <= budget) {
                tokens += hosts.get(byContent[end]).length;
                end++;
            }
            List<int[]> batch = new ArrayList<>(end - start);
            for (int k = start; k < end; k++) {
                batch.add(hosts.get(byContent[k]));
            }
            List<double[]> lps = model.logProbs(batch);
            if (lps.size() != batch.size()) {
                throw new IllegalStateException(
                        "the model returned " + lps.size() + " log-prob arrays for " + batch.size() + " sequences");
            }
            for (int k = start; k < end; k++) {
                out[byContent[k]] = checkLength(lps.get(k - start), batch.get(k - start));
            }
            progress.advance(tokens);
            batches++;
            start = end;
        }
        lastTokens = totalTokens;
        lastBatches = batches;
        return out;
    }

    static double[] checkLength(double[] lp, int[] seq) {
        if (lp.length != seq.length) {
            throw new IllegalStateException(
                    "the model returned " + lp.length + " log-probs for a sequence of " + seq.length + " tokens");
        }
        return lp;
    }
}
