package org.babylab.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.babylab.api.model.Encoding;
import org.babylab.api.model.Tokenizer;

/**
 * One token per character (Unicode code point) of a fixed alphabet, plus {@code <bos>} (id 0),
 * {@code <eos>} (id 1) and {@code <unk>} (id 2, for characters outside the alphabet). Immutable and
 * thread-safe. The tokenizer of {@link CharBigramModel}.
 */
public final class CharTokenizer implements Tokenizer {
    /** The ids of the special tokens. */
    public static final int BOS = 0, EOS = 1, UNK = 2;

    private static final int SPECIALS = 3;
    static final String FILE = "alphabet.txt";

    private final int[] alphabet;
    private final Map<Integer, Integer> ids = new HashMap<>();

    private CharTokenizer(int[] alphabet) {
        this.alphabet = alphabet;
        for (int i = 0; i < alphabet.length; i++) {
            ids.put(alphabet[i], SPECIALS + i);
        }
    }

    /** The tokenizer of every character that occurs in {@code texts}, in code point order. */
    public static CharTokenizer of(Iterable<String> texts) {
        TreeSet<Integer> cps = new TreeSet<>();
        for (String t : texts) {
            t.codePoints().forEach(cps::add);
        }
        return new CharTokenizer(cps.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Reads a tokenizer {@link #save saved} in {@code dir}. */
    public static CharTokenizer load(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException(f + " is missing: not a directory saved by CharTokenizer.save");
        }
        return new CharTokenizer(
                Files.readString(f, StandardCharsets.UTF_8).codePoints().toArray());
    }

    @Override
    public Encoding encode(String text) {
        int n = text.codePointCount(0, text.length());
        int[] out = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        int i = 0;
        for (int off = 0; off < text.length(); ) {
            int cp = text.codePointAt(off);
            int next = off + Character.charCount(cp);
            out[i] = ids.getOrDefault(cp, UNK);
            starts[i] = off;
            ends[i] = next;
            i++;
            off = next;
        }
        return new Encoding(out, starts, ends);
    }

    @Override
    public String decode(int[] tokens) {
        StringBuilder b = new StringBuilder();
        for (int id : tokens) {
            if (id >= SPECIALS && id < vocabSize()) {
                b.appendCodePoint(alphabet[id - SPECIALS]);
            }
        }
        return b.toString();
    }

    @Override
    public int vocabSize() {
        return SPECIALS + alphabet.length;
    }

    @Override
    public OptionalInt bosId() {
        return OptionalInt.of(BOS);
    }

    @Override
    public OptionalInt eosId() {
        return OptionalInt.of(EOS);
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), new String(alphabet, 0, alphabet.length), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "CharTokenizer(" + vocabSize() + " ids)";
    }
}
