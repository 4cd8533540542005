package org.babylab.toolkit.scoring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import org.babylab.api.model.Encoding;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;

/**
 * A test model whose tokenizer is a given function (so spans such as zero-width tokens or trimmed
 * leading whitespace can be built by hand) and whose log-prob of token {@code id} at any position is
 * {@code -(1 + id / 10)}. BOS id 99 when enabled.
 */
final class ScriptedModel implements LanguageModel {
    static final int BOS = 99;
    private final Function<String, Encoding> encode;
    private final boolean withBos;
    private final int maxLength;

    ScriptedModel(Function<String, Encoding> encode, boolean withBos, int maxLength) {
        this.encode = encode;
        this.withBos = withBos;
        this.maxLength = maxLength;
    }

    static double lp(int id) {
        return -(1 + id / 10.0);
    }

    private final Tokenizer tokenizer = new Tokenizer() {
        @Override
        public Encoding encode(String text) {
            return encode.apply(text);
        }

        @Override
        public String decode(int[] ids) {
            throw new UnsupportedOperationException("not needed");
        }

        @Override
        public int vocabSize() {
            return 100;
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
    public void save(Path dir) throws IOException {
        throw new IOException("test model");
    }

    @Override
    public List<double[]> logProbs(List<int[]> sequences) {
        List<double[]> out = new ArrayList<>();
        for (int[] s : sequences) {
            double[] lp = new double[s.length];
            lp[0] = Double.NaN;
            for (int i = 1; i < s.length; i++) {
                lp[i] = lp(s[i]);
            }
            out.add(lp);
        }
        return out;
    }
}
