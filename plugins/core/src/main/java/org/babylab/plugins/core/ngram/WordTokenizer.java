package org.babylab.plugins.core.ngram;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.babylab.api.model.Encoding;
import org.babylab.api.model.Tokenizer;

/**
 * A closed-vocabulary word tokenizer: a regular expression splits text into words (letters, with
 * inner apostrophes as in {@code don't}), numbers and single punctuation characters; each is looked
 * up in a fixed vocabulary, unknown ones mapping to {@code <unk>}.
 *
 * <p>Ids 0, 1 and 2 are always {@code <unk>}, {@code <s>} (BOS) and {@code </s>} (EOS). With
 * {@code lowercase} each word is lower-cased (locale-independently) before lookup; offsets in the
 * {@link Encoding} always refer to the original text. {@link #decode} joins tokens with single
 * spaces, so it is lossy for spacing ({@code "dog."} decodes as {@code "dog ."}); it drops BOS and
 * EOS and keeps {@code <unk>} visible.
 *
 * <p>Immutable and thread-safe.
 */
public final class WordTokenizer implements Tokenizer {
    /** Id of {@code <unk>}, which every out-of-vocabulary word maps to. */
    public static final int UNK = 0;
    /** Id of {@code <s>}, the sentence start. */
    public static final int BOS = 1;
    /** Id of {@code </s>}, the sentence end. */
    public static final int EOS = 2;
    /** The special tokens, in id order. */
    public static final List<String> SPECIALS = List.of("<unk>", "<s>", "</s>");
    /** The file {@link #save} writes. */
    public static final String FILE_NAME = "word-tokenizer.txt";

    private static final String HEADER = "#babylab-word-tokenizer v1";
    private static final Pattern WORD =
            Pattern.compile("[\\p{L}\\p{M}]+(?:['\u2019][\\p{L}\\p{M}]+)*|\\p{N}+|[^\\s\\p{L}\\p{M}\\p{N}]");

    private final List<String> tokens;
    private final Map<String, Integer> ids;
    private final boolean lowercase;

    /**
     * @param tokens the vocabulary in id order; must start with {@link #SPECIALS} and hold no duplicates
     * @param lowercase whether words are lower-cased before lookup
     * @throws IllegalArgumentException if the vocabulary breaks those rules
     */
    public WordTokenizer(List<String> tokens, boolean lowercase) {
        if (tokens.size() < SPECIALS.size()
                || !tokens.subList(0, SPECIALS.size()).equals(SPECIALS)) {
            throw new IllegalArgumentException("a word vocabulary must start with " + SPECIALS + ", got "
                    + tokens.subList(0, Math.min(tokens.size(), SPECIALS.size())));
        }
        this.tokens = List.copyOf(tokens);
        this.lowercase = lowercase;
        Map<String, Integer> map = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            Integer previous = map.put(tokens.get(i), i);
            if (previous != null) {
                throw new IllegalArgumentException("token '" + tokens.get(i)
                        + "' appears twice in the vocabulary, as ids " + previous + " and " + i);
            }
        }
        this.ids = map;
    }

    /**
     * Calls {@code action} with every word of {@code text} as the tokenizer sees it (lower-cased if
     * {@code lowercase}), in order. This is how training sees text, so training and encoding agree.
     */
    public static void forEachWord(String text, boolean lowercase, Consumer<String> action) {
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            action.accept(lowercase ? m.group().toLowerCase(Locale.ROOT) : m.group());
        }
    }

    @Override
    public Encoding encode(String text) {
        Matcher m = WORD.matcher(text);
        int[] out = new int[16];
        int[] starts = new int[16];
        int[] ends = new int[16];
        int n = 0;
        while (m.find()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            String word = lowercase ? m.group().toLowerCase(Locale.ROOT) : m.group();
            out[n] = ids.getOrDefault(word, UNK);
            starts[n] = m.start();
            ends[n] = m.end();
            n++;
        }
        return new Encoding(Arrays.copyOf(out, n), Arrays.copyOf(starts, n), Arrays.copyOf(ends, n));
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            if (id < 0 || id >= tokens.size()) {
                throw new IllegalArgumentException(
                        "token id " + id + " is outside the vocabulary [0, " + tokens.size() + ")");
            }
            if (id == BOS || id == EOS) {
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(tokens.get(id));
        }
        return text.toString();
    }

    @Override
    public int vocabSize() {
        return tokens.size();
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
    public OptionalInt tokenId(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The token with id {@code id}. */
    public String token(int id) {
        return tokens.get(id);
    }

    /** Whether words are lower-cased before lookup. */
    public boolean lowercase() {
        return lowercase;
    }

    /** Writes {@value #FILE_NAME}: a header line, then one token per line in id order. */
    @Override
    public void save(Path dir) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            w.write(HEADER + " lowercase=" + lowercase + "\n");
            for (String t : tokens) {
                w.write(t);
                w.write('\n');
            }
        }
    }

    /**
     * Reads what {@link #save} wrote into {@code dir}.
     *
     * @throws IOException naming the file (and line) when it is missing, not UTF-8, or malformed
     */
    public static WordTokenizer load(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(
                    file + ": missing; expected the word tokenizer's vocabulary written by WordTokenizer.save", e);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not valid UTF-8", e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith(HEADER + " lowercase=")) {
            throw new IOException(file + ":1: expected the header '" + HEADER + " lowercase=true|false', got '"
                    + (lines.isEmpty() ? "" : lines.get(0)) + "'");
        }
        String flag = lines.get(0).substring((HEADER + " lowercase=").length());
        if (!flag.equals("true") && !flag.equals("false")) {
            throw new IOException(file + ":1: lowercase must be true or false, got '" + flag + "'");
        }
        List<String> tokens = new ArrayList<>(lines.subList(1, lines.size()));
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isEmpty() || tokens.get(i).chars().anyMatch(Character::isWhitespace)) {
                throw new IOException(file + ":" + (i + 2)
                        + ": a token must be non-empty and without white space, got '" + tokens.get(i) + "'");
            }
        }
        try {
            return new WordTokenizer(tokens, Boolean.parseBoolean(flag));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
