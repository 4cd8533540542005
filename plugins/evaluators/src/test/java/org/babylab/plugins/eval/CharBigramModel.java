package org.babylab.plugins.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.babylab.api.model.Encoding;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;

/**
 * A character bigram model with add-one smoothing: small, exact and deterministic, so the scoring
 * machinery can be benchmarked and tested without a neural model. Characters U+0000..U+00FF are
 * their own ids, every other character is one shared unknown id, and an optional BOS id conditions
 * the first character. Log-probs are computed in double and depend only on the sequence.
 *
 * <p>Immutable after construction; {@link #logProbs} is safe from any thread.
 */
public final class CharBigramModel implements LanguageModel {
    private static final int UNK = 256;
    private static final int BOS = 257;
    private static final int VOCAB = 258;

    private final boolean withBos;
    private final int maxLength;
    private final int batchTokens;
    private final long[][] pairCounts = new long[VOCAB][VOCAB];
    private final long[] contextCounts = new long[VOCAB];

    /**
     * Counts bigrams over {@code corpus} (each text starts after BOS).
     *
     * @param withBos whether the tokenizer has a BOS token
     * @param maxLength the longest sequence accepted, >= 2
     * @param batchTokens the {@link #preferredBatchTokens()} hint, >= 1
     */
    public CharBigramModel(Iterable<String> corpus, boolean withBos, int maxLength, int batchTokens) {
        if (maxLength < 2 || batchTokens < 1) {
            throw new IllegalArgumentException(
                    "maxLength must be >= 2 and batchTokens >= 1, got " + maxLength + ", " + batchTokens);
        }
        this.withBos = withBos;
        this.maxLength = maxLength;
        this.batchTokens = batchTokens;
        for (String text : corpus) {
            int prev = BOS;
            for (int i = 0; i < text.length(); i++) {
                int id = id(text.charAt(i));
                pairCounts[prev][id]++;
                contextCounts[prev]++;
                prev = id;
            }
        }
    }

    private static int id(char c) {
        return c < 256 ? c : UNK;
    }

    private final Tokenizer tokenizer = new Tokenizer() {
        @Override
        public Encoding encode(String text) {
            int n = text.length();
            int[] ids = new int[n];
            int[] starts = new int[n];
            int[] ends = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = id(text.charAt(i));
                starts[i] = i;
                ends[i] = i + 1;
            }
            return new Encoding(ids, starts, ends);
        }

        @Override
        public String decode(int[] ids) {
            StringBuilder sb = new StringBuilder();
            for (int id : ids) {
                if (id < 256) {
                    sb.append((char) id);
                } else if (id == UNK) {
                    sb.append('\uFFFD');
                }
            }
            return sb.toString();
        }

        @Override
        public int vocabSize() {
            return VOCAB;
        }

        @Override
        public OptionalInt bosId() {
            return withBos ? OptionalInt.of(BOS) : OptionalInt.empty();
        }

        @Override
        public OptionalInt eosId() {
            return OptionalInt.empty();
        }

        @Override
        public void save(Path dir) throws IOException {
            Files.writeString(
                    dir.resolve("tokenizer.txt"), "char-latin1 bos=" + withBos + "\n", StandardCharsets.UTF_8);
        }
    };

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int maxSequenceLength() {
        return maxLength;
    }

    @Override
    public int preferredBatchTokens() {
        return batchTokens;
    }

    @Override
    public List<double[]> logProbs(List<int[]> sequences) {
        List<double[]> out = new ArrayList<>(sequences.size());
        for (int[] s : sequences) {
            if (s.length == 0 || s.length > maxLength) {
                throw new IllegalArgumentException(
                        "sequence length " + s.length + " is outside [1, " + maxLength + "]");
            }
            double[] lp = new double[s.length];
            lp[0] = Double.NaN;
            for (int i = 0; i < s.length; i++) {
                if (s[i] < 0 || s[i] >= VOCAB) {
                    throw new IllegalArgumentException(
                            "id " + s[i] + " at position " + i + " is outside [0, " + VOCAB + ")");
                }
                if (i > 0) {
                    lp[i] = Math.log((pairCounts[s[i - 1]][s[i]] + 1.0) / (contextCounts[s[i - 1]] + VOCAB));
                }
            }
            out.add(lp);
        }
        return out;
    }

    @Override
    public void save(Path dir) throws IOException {
        throw new IOException(
                "CharBigramModel is a benchmark and test model; it is rebuilt from its corpus, never saved");
    }
}
