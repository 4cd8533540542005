package org.babylab.plugins.eval.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.babylab.api.model.Tokenizer;
import org.babylab.toolkit.scoring.ContinuationScorer;

/**
 * The reading-times surprisal of the BabyLM pipeline ({@code get_p2} in
 * {@code reading/evaluation_functions.py}), used under {@code rules: pipeline}:
 * <ol>
 *   <li>the word is tokenized on its own, without a leading space;</li>
 *   <li>its first piece is scored after the context tokenized on its own (BOS in front only if the
 *       rules prepend one);</li>
 *   <li>each later piece is decoded to text, re-tokenized (its first token is the one scored), and
 *       scored after the re-tokenized growing string {@code context + decoded pieces so far};</li>
 *   <li>the probabilities are fp32 softmax values (here {@code exp} of the model's log-prob rounded
 *       to fp32) multiplied in double; surprisal = {@code -ln(product)}.</li>
 * </ol>
 * For byte-level BPE this differs from BabyLab's {@code -log P(" " + word | item)} on one joint
 * encoding: the word's tokens without the space are other tokens, and the context and word are
 * tokenized apart. Stateless.
 */
final class PipelineWordSurprisal {
    private PipelineWordSurprisal() {}

    /** A (context, word) pair to score; null entries stay null in the output (NaN). */
    record Query(String context, String word) {}

    /**
     * Surprisals in nats, one per query; NaN for a null query, a word with no token, or a first
     * piece with nothing before it (empty context and no BOS).
     *
     * @throws IllegalArgumentException if a sequence exceeds the model's maximum length (the
     *     pipeline never truncates)
     */
    static double[] surprisals(List<Query> queries, ContinuationScorer scorer, Tokenizer tokenizer, int maxLength) {
        int[] bos = scorer.encoder().bosId().isPresent()
                ? new int[] {scorer.encoder().bosId().getAsInt()}
                : new int[0];
        List<int[]> sequences = new ArrayList<>();
        int[][] sequencesOf = new int[queries.size()][];
        for (int q = 0; q < queries.size(); q++) {
            Query query = queries.get(q);
            if (query == null) {
                continue;
            }
            int[] target = tokenizer.encode(query.word()).ids();
            List<int[]> own = new ArrayList<>();
            String text = query.context();
            for (int k = 0; k < target.length && own != null; k++) {
                int id = target[k];
                String piece = tokenizer.decode(new int[] {id});
                if (k > 0) {
                    // get_p re-tokenizes the decoded piece and scores its first token.
                    int[] again = tokenizer.encode(piece).ids();
                    id = again.length == 0 ? -1 : again[0];
                }
                int[] context = concat(bos, tokenizer.encode(text).ids());
                if (id < 0 || context.length == 0) {
                    own = null;
                    break;
                }
                int[] seq = Arrays.copyOf(context, context.length + 1);
                seq[context.length] = id;
                if (seq.length > maxLength) {
                    throw new IllegalArgumentException("reading-times under rules: pipeline: \"" + text + "\" + \""
                            + piece + "\" is " + seq.length + " tokens, over the model's maxSequenceLength " + maxLength
                            + "; the pipeline never truncates");
                }
                own.add(seq);
                text = text + piece;
            }
            if (own == null || own.isEmpty()) {
                continue;
            }
            sequencesOf[q] = new int[own.size()];
            for (int k = 0; k < own.size(); k++) {
                sequencesOf[q][k] = sequences.size();
                sequences.add(own.get(k));
            }
        }
        double[][] logProbs = scorer.logProbs(sequences);
        double[] out = new double[queries.size()];
        for (int q = 0; q < out.length; q++) {
            if (sequencesOf[q] == null) {
                out[q] = Double.NaN;
                continue;
            }
            double p = 1.0;
            for (int s : sequencesOf[q]) {
                int last = sequences.get(s).length - 1;
                p *= (float) Math.exp(logProbs[s][last]);
            }
            out[q] = -Math.log(p);
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
