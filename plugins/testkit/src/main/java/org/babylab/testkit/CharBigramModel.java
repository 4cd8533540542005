package org.babylab.testkit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.babylab.api.model.LanguageModel;

/**
 * A tiny but real language model for plugin tests: a character bigram with add-one smoothing,
 * counted from a few sentences in microseconds, that implements the {@link LanguageModel#logProbs}
 * contract exactly, so an evaluator tested against it behaves the same against a LLaMA.
 *
 * <p>Training counts each text as {@code <bos> c1 ... cn <eos>}. Then
 * {@code P(b | a) = (count(a b) + 1) / (count(a) + V)} with {@code V} the vocabulary size and
 * {@code count(a)} the transitions out of {@code a}, so each row sums to exactly 1. For every
 * sequence {@code lp[0]} is NaN and {@code lp[i] = ln P(s[i] | s[i-1])}: causal, independent of
 * batching, with ids checked like any model checks them. Characters the training texts never held
 * map to {@code <unk>}, which keeps the smoothed probability.
 *
 * <pre>{@code
 * CharBigramModel model = CharBigramModel.train(List.of("the dog runs", "the cat sleeps"));
 * EvaluationResult r = new MyFactory().create(config, ctx).evaluate(model, ctx);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CharBigramModel implements LanguageModel {
    static final String COUNTS = "bigram-counts.bin";
    private static final int MAX_LENGTH = 4096;

    private final CharTokenizer tokenizer;
    private final long[][] pair;
    private final long[] out;

    private CharBigramModel(CharTokenizer tokenizer, long[][] pair) {
        this.tokenizer = tokenizer;
        this.pair = pair;
        this.out = new long[pair.length];
        for (int a = 0; a < pair.length; a++) {
            for (long c : pair[a]) {
                out[a] += c;
            }
        }
    }

    /** Counts the bigrams of {@code texts} over the alphabet of their characters. */
    public static CharBigramModel train(List<String> texts) {
        CharTokenizer tok = CharTokenizer.of(texts);
        int v = tok.vocabSize();
        long[][] pair = new long[v][v];
        for (String t : texts) {
            int prev = CharTokenizer.BOS;
            for (int id : tok.encode(t).ids()) {
                pair[prev][id]++;
                prev = id;
            }
            pair[prev][CharTokenizer.EOS]++;
        }
        return new CharBigramModel(tok, pair);
    }

    /** Reads a model {@link #save saved} in {@code dir}. */
    public static CharBigramModel load(Path dir) throws IOException {
        CharTokenizer tok = CharTokenizer.load(dir);
        int v = tok.vocabSize();
        Path f = dir.resolve(COUNTS);
        if (!Files.isRegularFile(f)) {
            throw new IOException(f + " is missing: not a directory saved by CharBigramModel.save");
        }
        long[][] pair = new long[v][v];
        try (DataInputStream in = new DataInputStream(Files.newInputStream(f))) {
            if (in.readInt() != v) {
                throw new IOException(
                        f + " holds counts for another vocabulary than " + dir.resolve(CharTokenizer.FILE));
            }
            for (long[] row : pair) {
                for (int b = 0; b < v; b++) {
                    row[b] = in.readLong();
                }
            }
        }
        return new CharBigramModel(tok, pair);
    }

    /** {@code ln P(b | a)}. */
    public double logProb(int a, int b) {
        return Math.log((pair[a][b] + 1.0) / (out[a] + pair.length));
    }

    @Override
    public CharTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int maxSequenceLength() {
        return MAX_LENGTH;
    }

    @Override
    public List<double[]> logProbs(List<int[]> sequences) {
        List<double[]> result = new ArrayList<>(sequences.size());
        for (int[] s : sequences) {
            if (s.length == 0 || s.length > MAX_LENGTH) {
                throw new IllegalArgumentException(
                        "sequence length " + s.length + " is outside [1, " + MAX_LENGTH + "]");
            }
            double[] lp = new double[s.length];
            lp[0] = Double.NaN;
            for (int i = 0; i < s.length; i++) {
                if (s[i] < 0 || s[i] >= pair.length) {
                    throw new IllegalArgumentException(
                            "id " + s[i] + " at position " + i + " is outside [0, " + pair.length + ")");
                }
                if (i > 0) {
                    lp[i] = logProb(s[i - 1], s[i]);
                }
            }
            result.add(lp);
        }
        return result;
    }

    @Override
    public void save(Path dir) throws IOException {
        tokenizer.save(dir);
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(dir.resolve(COUNTS)))) {
            o.writeInt(pair.length);
            for (long[] row : pair) {
                for (long c : row) {
                    o.writeLong(c);
                }
            }
        }
    }
}
