package org.babylab.plugins.eval.scoring;

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
 *   <li>sorts what remains by length and packs batches of at most
 *       {@link LanguageModel#preferredBatchTokens()} tokens counting padding (count x longest), so
 *       little compute is spent on padding.</li>
 * </ul>
 * Sums are done in double, in position order, exactly as {@link NaiveScorer} does, and the model
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
        this.model = Objects.requireNonNull(model, "model");
        this.encoder = new RequestEncoder(model);
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** True when the model's tokenizer has a BOS token, so every token of a continuation is scored. */
    public boolean hasBos() {
        return encoder.hasBos();
    }

    /** The cost of the latest {@link #score} call. */
    public ScoringStats lastStats() {
        return lastStats;
    }

    @Override
    public List<ContinuationScore> score(List<ContinuationRequest> requests) {
        EncodedRequest[] encoded = new EncodedRequest[requests.size()];
        List<Integer> needModel = new ArrayList<>();
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = encoder.encode(requests.get(i));
            if (encoded[i].needsModel()) {
                needModel.add(i);
            }
        }
        // Lexicographic order puts identical sequences side by side and every sequence right before
        // its extensions, so one backwards sweep finds, for each request, the longest sequence its
        // own is a prefix of (its host). No hashing of token arrays is needed.
        Integer[] order = needModel.toArray(new Integer[0]);
        Arrays.sort(order, (a, b) -> Arrays.compare(encoded[a].sequence(), encoded[b].sequence()));
        int[] hostOf = new int[encoded.length];
        List<int[]> hosts = new ArrayList<>();
        int distinct = 0;
        for (int k = order.length - 1; k >= 0; k--) {
            int[] seq = encoded[order[k]].sequence();
            int[] next = k + 1 < order.length ? encoded[order[k + 1]].sequence() : null;
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
        double[][] logProbs = readHosts(hosts);
        lastStats = new ScoringStats(requests.size(), distinct, hosts.size(), lastTokens, lastBatches);

        List<ContinuationScore> scores = new ArrayList<>(encoded.length);
        for (int i = 0; i < encoded.length; i++) {
            EncodedRequest e = encoded[i];
            scores.add(e.needsModel() ? e.sum(logProbs[hostOf[i]]) : new ContinuationScore(0.0, 0, e.firstTokenUnscored()));
        }
        return scores;
    }

    /** Reads every host sequence once, shortest first, in padding-aware batches; log-probs by host index. */
    private double[][] readHosts(List<int[]> hosts) {
        Integer[] byLength = new Integer[hosts.size()];
        for (int i = 0; i < byLength.length; i++) {
            byLength[i] = i;
        }
        // Ties in length are ordered by content so batches are the same on every run.
        Arrays.sort(byLength, (a, b) -> {
            int[] x = hosts.get(a);
            int[] y = hosts.get(b);
            return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compare(x, y);
        });
        long totalTokens = 0;
        for (int[] h : hosts) {
            totalTokens += h.length;
        }
        progress.start("score", "tokens", totalTokens);

        int budget = Math.max(1, model.preferredBatchTokens());
        double[][] out = new double[hosts.size()][];
        int batches = 0;
        int start = 0;
        while (start < byLength.length) {
            int end = start + 1;
            // Sorted ascending, so the batch's longest sequence is its last one.
            while (end < byLength.length && (long) (end + 1 - start) * hosts.get(byLength[end]).length <= budget) {
                end++;
            }
            List<int[]> batch = new ArrayList<>(end - start);
            long tokens = 0;
            for (int k = start; k < end; k++) {
                batch.add(hosts.get(byLength[k]));
                tokens += hosts.get(byLength[k]).length;
            }
            List<double[]> lps = model.logProbs(batch);
            if (lps.size() != batch.size()) {
                throw new IllegalStateException("the model returned " + lps.size() + " log-prob arrays for " + batch.size() + " sequences");
            }
            for (int k = start; k < end; k++) {
                out[byLength[k]] = checkLength(lps.get(k - start), batch.get(k - start));
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
            throw new IllegalStateException("the model returned " + lp.length + " log-probs for a sequence of " + seq.length + " tokens");
        }
        return lp;
    }
}
