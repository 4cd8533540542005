package org.babylab.plugins.llama.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained byte-level BPE model: the vocabulary, the merges in priority order and the special
 * tokens, which {@link #toTokenizerJson()} writes as a Hugging Face {@code tokenizer.json}.
 *
 * @param vocab token string to id, ids dense from 0; never null
 * @param merges pairs of token strings in merge order; never null
 * @param specialTokens tokens matched verbatim before pre-tokenization; each is in {@code vocab}
 */
public record BpeVocabulary(Map<String, Integer> vocab, List<String[]> merges, List<String> specialTokens) {
    public BpeVocabulary {
        vocab = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vocab));
        merges = List.copyOf(merges);
        specialTokens = List.copyOf(specialTokens);
        for (String s : specialTokens) {
            if (!vocab.containsKey(s)) {
                throw new IllegalArgumentException("special token " + s + " is not in the vocabulary");
            }
        }
    }

    /**
     * The tokenizer as Hugging Face's {@code tokenizers} library reads it: a BPE model, ByteLevel
     * pre-tokenizer and decoder without a prefix space (so encode/decode round-trips exactly and no
     * space is invented before the first word), and the special tokens as added tokens.
     */
    public String toTokenizerJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String s : specialTokens) {
            ObjectNode t = added.addObject();
            t.put("id", vocab.get(s));
            t.put("content", s);
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(json, false));
        // trim_offsets=false: a token's span includes its leading space, so spans tile the text.
        root.set("post_processor", byteLevel(json, false));
        root.set("decoder", byteLevel(json, false));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode v = model.putObject("vocab");
        vocab.forEach(v::put);
        ArrayNode m = model.putArray("merges");
        for (String[] pair : merges) {
            // The "left right" string form is read by every tokenizers version; byte-level tokens never contain a
            // space.
            m.add(pair[0] + " " + pair[1]);
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise tokenizer.json", e);
        }
    }

    private static ObjectNode byteLevel(ObjectMapper json, boolean trimOffsets) {
        ObjectNode n = json.createObjectNode();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", false);
        n.put("trim_offsets", trimOffsets);
        n.put("use_regex", true);
        return n;
    }

    /** The merges as a list of "left right" strings, for tests and diagnostics. */
    public List<String> mergeStrings() {
        List<String> out = new ArrayList<>();
        for (String[] p : merges) {
            out.add(p[0] + " " + p[1]);
        }
        return out;
    }
}
