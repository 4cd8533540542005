package org.babylab.plugins.llama.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;

/**
 * The files next to {@code tokenizer.json} and {@code config.json} that transformers reads to know
 * the tokenizer class and its special tokens: {@code tokenizer_config.json} (so
 * {@code AutoTokenizer.from_pretrained(dir)} builds a {@code PreTrainedTokenizerFast} from
 * {@code tokenizer.json}), {@code special_tokens_map.json} and {@code generation_config.json}
 * (BOS/EOS/PAD ids for {@code generate}). The tokenizer adds no BOS itself (its post-processor is
 * ByteLevel only), as in BabyLab's own scoring contract; {@code add_bos_token: false} says so.
 * Stateless.
 */
public final class HfTokenizerFiles {
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    public static final String GENERATION_CONFIG = "generation_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HfTokenizerFiles() {}

    /** Writes the three files into {@code dir}; {@code maxLength} becomes {@code model_max_length}. */
    public static void write(Path dir, BpeTokenizer tokenizer, int maxLength) throws IOException {
        ObjectNode special = JSON.createObjectNode();
        put(special, "bos_token", tokenizer, tokenizer.bosId());
        put(special, "eos_token", tokenizer, tokenizer.eosId());
        put(special, "pad_token", tokenizer, tokenizer.padId());
        ArrayNode additional = JSON.createArrayNode();
        for (String t : tokenizer.addedTokens()) {
            if (!special.properties().stream()
                    .anyMatch(e -> e.getValue().asText().equals(t))) {
                additional.add(t);
            }
        }
        if (!additional.isEmpty()) {
            special.set("additional_special_tokens", additional);
        }
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve(SPECIAL_TOKENS_MAP).toFile(), special);

        ObjectNode config = JSON.createObjectNode();
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        config.put("model_max_length", maxLength);
        config.put("add_bos_token", false);
        config.put("add_eos_token", false);
        config.put("clean_up_tokenization_spaces", false);
        config.setAll(special);
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve(TOKENIZER_CONFIG).toFile(), config);

        ObjectNode generation = JSON.createObjectNode();
        tokenizer.bosId().ifPresent(id -> generation.put("bos_token_id", id));
        tokenizer.eosId().ifPresent(id -> generation.put("eos_token_id", id));
        tokenizer.padId().ifPresent(id -> generation.put("pad_token_id", id));
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve(GENERATION_CONFIG).toFile(), generation);
    }

    private static void put(ObjectNode n, String key, BpeTokenizer tokenizer, OptionalInt id) {
        if (id.isPresent()) {
            tokenizer.tokenString(id.getAsInt()).ifPresent(s -> n.put(key, s));
        }
    }
}
