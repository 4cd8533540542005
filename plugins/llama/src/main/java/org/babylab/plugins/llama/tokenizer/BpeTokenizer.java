package org.babylab.plugins.llama.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.babylab.api.model.Encoding;
import org.babylab.api.model.Tokenizer;

/**
 * A tokenizer defined by a Hugging Face {@code tokenizer.json}, run by the {@code tokenizers}
 * library through DJL's binding (its native library ships inside the jar, so nothing is
 * downloaded). {@link #encode} adds no special tokens and reports spans in UTF-16 units.
 *
 * <p>Immutable and safe for concurrent use (the native tokenizer is read-only once built).
 */
public final class BpeTokenizer implements Tokenizer {
    /** The file name used inside saved model and tokenizer directories. */
    public static final String FILE_NAME = "tokenizer.json";

    private final byte[] json;
    private final HuggingFaceTokenizer hfTokenizer;
    private final Map<String, Integer> tokenIds;
    private final List<String> addedTokens;
    private final int vocabSize;
    private final OptionalInt bos;
    private final OptionalInt eos;
    private final OptionalInt pad;

    private BpeTokenizer(byte[] json, String origin) throws IOException {
        this.json = json.clone();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IOException(origin + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode vocab = root.path("model").path("vocab");
        if (!vocab.isObject()) {
            throw new IOException(
                    origin + " has no model.vocab object; expected a Hugging Face tokenizer.json with a BPE model");
        }
        Map<String, Integer> ids = new HashMap<>();
        vocab.properties().forEach(e -> ids.put(e.getKey(), e.getValue().asInt()));
        List<String> added = new java.util.ArrayList<>();
        for (JsonNode a : root.path("added_tokens")) {
            ids.put(a.path("content").asText(), a.path("id").asInt());
            added.add(a.path("content").asText());
        }
        this.addedTokens = List.copyOf(added);
        this.tokenIds = Map.copyOf(ids);
        this.vocabSize = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        this.bos = first(SpecialTokens.BOS_ALIASES);
        this.eos = first(SpecialTokens.EOS_ALIASES);
        this.pad = first(SpecialTokens.PAD_ALIASES);
        try {
            this.hfTokenizer = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(json),
                    Map.of(
                            "addSpecialTokens", "false",
                            "truncation", "false",
                            "padding", "false"));
        } catch (RuntimeException e) {
            throw new IOException(origin + " cannot be loaded by the tokenizers library: " + e.getMessage(), e);
        }
    }

    /** Reads {@code tokenizer.json} from {@code file}, or from {@code file/tokenizer.json} when it is a directory. */
    public static BpeTokenizer load(Path file) throws IOException {
        Path f = Files.isDirectory(file) ? file.resolve(FILE_NAME) : file;
        if (!Files.isRegularFile(f)) {
            throw new NoSuchFileException(
                    f.toString(), null, "tokenizer file not found; expected a Hugging Face tokenizer.json");
        }
        return new BpeTokenizer(Files.readAllBytes(f), f.toString());
    }

    /** Builds the tokenizer from a trained vocabulary. */
    public static BpeTokenizer of(BpeVocabulary vocabulary) {
        try {
            return new BpeTokenizer(
                    vocabulary.toTokenizerJson().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "trained tokenizer");
        } catch (IOException e) {
            throw new IllegalStateException("a freshly trained tokenizer did not load: " + e.getMessage(), e);
        }
    }

    private OptionalInt first(List<String> names) {
        for (String n : names) {
            Integer id = tokenIds.get(n);
            if (id != null) {
                return OptionalInt.of(id);
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public Encoding encode(String text) {
        if (text.isEmpty()) {
            return new Encoding(new int[0], new int[0], new int[0]);
        }
        ai.djl.huggingface.tokenizers.Encoding enc = hfTokenizer.encode(text, false, false);
        long[] raw = enc.getIds();
        CharSpan[] spans = enc.getCharTokenSpans();
        int[] ids = new int[raw.length];
        int[] starts = new int[raw.length];
        int[] ends = new int[raw.length];
        // The library counts offsets in Unicode code points; the API wants UTF-16 units (String#substring).
        int[] utf16 = codePointToUtf16(text);
        for (int i = 0; i < raw.length; i++) {
            ids[i] = (int) raw[i];
            CharSpan s = spans[i];
            starts[i] = s == null ? 0 : utf16[Math.min(s.getStart(), utf16.length - 1)];
            ends[i] = s == null ? 0 : utf16[Math.min(s.getEnd(), utf16.length - 1)];
        }
        return new Encoding(ids, starts, ends);
    }

    /** Maps code point index i (0..count) to its UTF-16 offset. */
    private static int[] codePointToUtf16(String text) {
        int n = text.codePointCount(0, text.length());
        int[] map = new int[n + 1];
        int off = 0;
        for (int i = 0; i < n; i++) {
            map[i] = off;
            off += Character.charCount(text.codePointAt(off));
        }
        map[n] = off;
        return map;
    }

    @Override
    public String decode(int[] ids) {
        long[] raw = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            raw[i] = ids[i];
        }
        return hfTokenizer.decode(raw, true);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public OptionalInt bosId() {
        return bos;
    }

    @Override
    public OptionalInt eosId() {
        return eos;
    }

    @Override
    public OptionalInt padId() {
        return pad;
    }

    @Override
    public OptionalInt tokenId(String token) {
        Integer id = tokenIds.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.write(dir.resolve(FILE_NAME), json);
    }

    /** The string form of token {@code id}, if the vocabulary or the added tokens have it. */
    public java.util.Optional<String> tokenString(int id) {
        return tokenIds.entrySet().stream()
                .filter(e -> e.getValue() == id)
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst();
    }

    /** The added (special) tokens of {@code tokenizer.json}, in file order. */
    public List<String> addedTokens() {
        return addedTokens;
    }

    /** The raw {@code tokenizer.json} bytes. */
    public byte[] json() {
        return json.clone();
    }
}
