package org.babylab.plugins.core.ngram;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.step.ProgressReporter;

/**
 * A word n-gram language model with interpolated modified Kneser-Ney smoothing (see
 * {@link KneserNeyModel} for the formulas), over a {@link WordTokenizer}.
 *
 * <p>{@link #logProbs} conditions each token on at most {@code order-1} preceding tokens of the same
 * sequence; a {@code <s>} at position 0 is an ordinary context token (the training sentences start
 * with it), and {@code <s>} at any later position gets log-probability negative infinity, as the
 * model never predicts it. Scores are exact doubles and depend only on the sequence itself, never on
 * the batch. Sequences have no length limit.
 *
 * <p>Immutable; {@link #logProbs} is safe to call from several threads.
 */
public final class NgramModel implements LanguageModel {
    private final WordTokenizer tokenizer;
    private final NgramCounts counts;
    private final KneserNeyModel estimates;

    private NgramModel(WordTokenizer tokenizer, NgramCounts counts) {
        this.tokenizer = tokenizer;
        this.counts = counts;
        this.estimates = new KneserNeyModel(counts);
    }

    /**
     * Trains a model on {@code texts}, each one sentence.
     *
     * @param texts the documents; consumed once (the caller closes the stream)
     * @throws CancellationException when {@code cancelled} turns true
     * @throws IllegalArgumentException when the texts contain no word at all
     */
    public static NgramModel train(
            Stream<String> texts,
            int order,
            int minCount,
            boolean lowercase,
            ProgressReporter progress,
            BooleanSupplier cancelled) {
        TrainingCorpus corpus = TrainingCorpus.read(texts, minCount, lowercase, progress, cancelled);
        if (corpus.sentences() == 0) {
            throw new IllegalArgumentException(
                    "the training data holds no word to count; check the dataset's paths and text_field");
        }
        NgramCounts counts = NgramCounts.count(
                corpus.ids(), corpus.length(), order, corpus.tokenizer().vocabSize(), progress, cancelled);
        return new NgramModel(corpus.tokenizer(), counts);
    }

    /**
     * Reads a model that {@link #save} wrote into {@code dir}.
     *
     * @throws IOException naming the file and what was expected when a file is missing, of another
     *     format or version, truncated or corrupt
     */
    public static NgramModel load(Path dir) throws IOException {
        WordTokenizer tokenizer = WordTokenizer.load(dir);
        return new NgramModel(tokenizer, NgramFile.read(dir, tokenizer.vocabSize()));
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The word tokenizer, with its vocabulary. */
    public WordTokenizer wordTokenizer() {
        return tokenizer;
    }

    /** The n-gram order N. */
    public int order() {
        return counts.order();
    }

    /** The modified Kneser-Ney discounts estimated for order {@code n}, {@code 1 <= n <= order()}. */
    public Discounts discounts(int n) {
        if (n < 1 || n > order()) {
            throw new IllegalArgumentException("order " + n + " is outside 1.." + order());
        }
        return estimates.discounts(n);
    }

    /** How many distinct n-grams of order {@code n} were seen in training. */
    public int ngramCount(int n) {
        if (n < 1 || n > order()) {
            throw new IllegalArgumentException("order " + n + " is outside 1.." + order());
        }
        return counts.table(n).size();
    }

    /** No limit: an n-gram model only ever looks at the last {@code order-1} tokens. */
    @Override
    public int maxSequenceLength() {
        return Integer.MAX_VALUE;
    }

    @Override
    public List<double[]> logProbs(List<int[]> sequences) {
        List<double[]> out = new ArrayList<>(sequences.size());
        for (int s = 0; s < sequences.size(); s++) {
            int[] seq = sequences.get(s);
            validate(seq, s);
            double[] lp = new double[seq.length];
            lp[0] = Double.NaN;
            for (int i = 1; i < seq.length; i++) {
                lp[i] = estimates.logProb(seq, i);
            }
            out.add(lp);
        }
        return out;
    }

    private void validate(int[] seq, int index) {
        if (seq == null || seq.length == 0) {
            throw new IllegalArgumentException(
                    "sequence " + index + " of the batch is empty; every sequence needs at least one token");
        }
        int vocabSize = tokenizer.vocabSize();
        for (int i = 0; i < seq.length; i++) {
            if (seq[i] < 0 || seq[i] >= vocabSize) {
                throw new IllegalArgumentException("sequence " + index + " holds id " + seq[i] + " at position " + i
                        + ", outside the vocabulary [0, " + vocabSize + ")");
            }
        }
    }

    /** Writes {@value NgramFile#FILE_NAME} and the tokenizer's {@value WordTokenizer#FILE_NAME}. */
    @Override
    public void save(Path dir) throws IOException {
        tokenizer.save(dir);
        NgramFile.write(counts, dir);
    }

    @Override
    public String toString() {
        int[] sizes = new int[order()];
        Arrays.setAll(sizes, i -> counts.table(i + 1).size());
        return "NgramModel[order=" + order() + ", vocab=" + tokenizer.vocabSize() + ", ngrams=" + Arrays.toString(sizes)
                + "]";
    }
}
