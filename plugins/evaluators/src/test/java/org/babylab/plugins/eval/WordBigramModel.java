package org.babylab.plugins.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.babylab.api.model.Encoding;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;

/**
 * A word-bigram language model with add-one smoothing for tests, with a GPT-2-like tokenizer:
 * a token is a word or a punctuation mark together with the whitespace before it, so {@code " the"}
 * is one token whose span starts at the space. Words not in the training corpus share one unknown
 * id (which makes ties easy to build). BOS is optional. Deterministic; counts calls and tokens.
 */
public final class WordBigramModel implements LanguageModel {
    private static final Pattern TOKEN = Pattern.compile("\\s*(?:[A-Za-z0-9']+|[^\\sA-Za-z0-9'])");
    private final Map<String, Integer> vocab = new HashMap<>();
    private final boolean withBos;
    private final int maxLength;
    private final int batchTokens;
    private final int unk;
    private final int bos;
    private final long[][] pairs;
    private final long[] contexts;
    private int calls;
    private long tokensRead;

    public WordBigramModel(List<String> corpus, boolean withBos, int maxLength, int batchTokens) {
        this.withBos = withBos;
        this.maxLength = maxLength;
        this.batchTokens = batchTokens;
        List<String> pieces = new ArrayList<>();
        for (String text : corpus) {
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                pieces.add(m.group());
            }
        }
        pieces.stream().distinct().sorted().forEach(p -> vocab.put(p, vocab.size()));
        unk = vocab.size();
        bos = unk + 1;
        int size = bos + 1;
        pairs = new long[size][size];
        contexts = new long[size];
        for (String text : corpus) {
            int prev = bos;
            for (int id : tokenizer.encode(text).ids()) {
                pairs[prev][id]++;
                contexts[prev]++;
                prev = id;
            }
        }
    }

    private final Tokenizer tokenizer = new Tokenizer() {
        @Override
        public Encoding encode(String text) {
            List<int[]> toks = new ArrayList<>();
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                toks.add(new int[] {vocab.getOrDefault(m.group(), unk), m.start(), m.end()});
            }
            int[] ids = new int[toks.size()];
            int[] starts = new int[toks.size()];
            int[] ends = new int[toks.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = toks.get(i)[0];
                starts[i] = toks.get(i)[1];
                ends[i] = toks.get(i)[2];
            }
            return new Encoding(ids, starts, ends);
        }

        @Override
        public String decode(int[] ids) {
            throw new UnsupportedOperationException("not needed by evaluators");
        }

        @Override
        public int vocabSize() {
            return bos + 1;
        }

        @Override
        public OptionalInt bosId() {
            return withBos ? OptionalInt.of(bos) : OptionalInt.empty();
        }

        @Override
        public OptionalInt eosId() {
            return OptionalInt.empty();
        }

        @Override
        public void save(java.nio.file.Path dir) throws IOException {
            throw new IOException("test model");
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
    public void save(java.nio.file.Path dir) throws IOException {
        throw new IOException("test model");
    }

    /** Calls to {@link #logProbs} so far. */
    public int calls() {
        return calls;
    }

    /** Tokens read by {@link #logProbs} so far. */
    public long tokensRead() {
        return tokensRead;
    }

    @Override
    public List<double[]> logProbs(List<int[]> sequences) {
        calls++;
        List<double[]> out = new ArrayList<>();
        for (int[] s : sequences) {
            if (s.length == 0 || s.length > maxLength) {
                throw new IllegalArgumentException("sequence length " + s.length + " outside [1, " + maxLength + "]");
            }
            tokensRead += s.length;
            double[] lp = new double[s.length];
            lp[0] = Double.NaN;
            for (int i = 1; i < s.length; i++) {
                lp[i] = Math.log((pairs[s[i - 1]][s[i]] + 1.0) / (contexts[s[i - 1]] + bos + 1.0));
            }
            out.add(lp);
        }
        return out;
    }
}
