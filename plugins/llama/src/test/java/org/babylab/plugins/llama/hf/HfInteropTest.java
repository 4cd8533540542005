package org.babylab.plugins.llama.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.HfLlamaModelConfig;
import org.babylab.plugins.llama.model.HfLlamaModelFactory;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.model.RopeScaling;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What transformers checkpoints of both config generations hold, and what export writes for transformers. */
class HfInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BpeTokenizer TOKENIZER = TestCorpus.tokenizer(300);
    private static final LlamaArchitecture ARCH =
            new LlamaArchitecture(TOKENIZER.vocabSize(), 32, 2, 4, 2, 64, 48, 500_000, 1e-5, 0.3);
    private static final int[] IDS = TOKENIZER
            .encode("The dog sees the ball. A cat eats a cookie! We like milk.")
            .ids();

    private static double[] scores(Path dir) throws Exception {
        try (LlamaModel m = LlamaModel.load(dir, Device.cpu())) {
            return m.logProbs(List.of(IDS)).get(0);
        }
    }

    private static ObjectNode config(Path dir) throws Exception {
        return (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
    }

    private static void writeConfig(Path dir, ObjectNode c) throws Exception {
        JSON.writeValue(dir.resolve("config.json").toFile(), c);
    }

    private static Path saved(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 3, Device.cpu())) {
            m.save(dir);
        }
        return dir;
    }

    @Test
    void a_v5_config_with_theta_only_in_rope_parameters_scores_like_the_original(@TempDir Path dir) throws Exception {
        double[] before = scores(saved(dir));
        ObjectNode c = config(dir);
        c.remove("rope_theta");
        c.remove("rope_scaling");
        c.set("rope_parameters", JSON.readTree("{\"rope_type\": \"default\", \"rope_theta\": 500000.0}"));
        writeConfig(dir, c);
        assertArrayEquals(before, scores(dir), 0.0);
        c.set("rope_parameters", JSON.readTree("{\"rope_type\": \"default\", \"rope_theta\": 10000.0}"));
        writeConfig(dir, c);
        assertFalse(java.util.Arrays.equals(before, scores(dir)), "theta is read from rope_parameters, not defaulted");
    }

    @Test
    void rope_scaling_default_and_hidden_act_swish_are_accepted(@TempDir Path dir) throws Exception {
        double[] before = scores(saved(dir));
        ObjectNode c = config(dir);
        c.set("rope_scaling", JSON.readTree("{\"rope_type\": \"default\"}"));
        c.put("hidden_act", "swish");
        writeConfig(dir, c);
        assertArrayEquals(before, scores(dir), 0.0);
    }

    @Test
    void a_tied_checkpoint_uses_the_embedding_as_head_even_with_a_stored_lm_head_and_re_exports_tied(@TempDir Path dir)
            throws Exception {
        saved(dir.resolve("a"));
        ObjectNode c = config(dir.resolve("a"));
        c.put("tie_word_embeddings", true);
        writeConfig(dir.resolve("a"), c);
        try (LlamaModel m = LlamaModel.load(dir.resolve("a"), Device.cpu())) {
            assertArrayEquals(m.parameterValues("model.embed_tokens.weight"), m.parameterValues("lm_head.weight"));
            m.save(Files.createDirectories(dir.resolve("b")));
        }
        assertTrue(config(dir.resolve("b")).get("tie_word_embeddings").asBoolean());
        try (Safetensors.Reader r = Safetensors.open(dir.resolve("b/model.safetensors"))) {
            assertFalse(r.names().contains("lm_head.weight"), "a tied export stores one matrix, as transformers does");
        }
        assertArrayEquals(scores(dir.resolve("a")), scores(dir.resolve("b")), 0.0);
    }

    @Test
    void weights_above_the_shard_size_are_written_and_read_as_indexed_shards(@TempDir Path dir) throws Exception {
        Path single = saved(dir.resolve("single"));
        Path sharded = Files.createDirectories(dir.resolve("sharded"));
        Map<String, long[]> shapes = new LinkedHashMap<>(ARCH.parameterShapes());
        try (LlamaModel m = LlamaModel.load(single, Device.cpu())) {
            List<Path> files = HfWeights.write(sharded, shapes, Map.of("format", "pt"), m::parameterValues, 40_000);
            assertTrue(files.size() > 2, files.toString());
            m.tokenizer().save(sharded);
            Files.copy(single.resolve("config.json"), sharded.resolve("config.json"));
        }
        assertFalse(Files.exists(sharded.resolve("model.safetensors")));
        JsonNode index = JSON.readTree(sharded.resolve(HfWeights.INDEX_FILE).toFile());
        assertEquals(
                "model-00001-of-0000" + (HfWeights.files(sharded).size() - 1) + ".safetensors",
                index.get("weight_map").get("model.embed_tokens.weight").asText());
        assertArrayEquals(scores(single), scores(sharded), 0.0);
        List<Path> inputs = new HfLlamaModelFactory().inputFiles(new HfLlamaModelConfig("sharded"), dir);
        assertTrue(
                inputs.contains(sharded.resolve(HfWeights.INDEX_FILE))
                        && inputs.contains(sharded.resolve("model-00002-of-0000"
                                + (HfWeights.files(sharded).size() - 1) + ".safetensors")),
                inputs.toString());
    }

    @Test
    void export_writes_the_tokenizer_and_generation_files_transformers_needs(@TempDir Path dir) throws Exception {
        saved(dir);
        JsonNode tc =
                JSON.readTree(dir.resolve(HfTokenizerFiles.TOKENIZER_CONFIG).toFile());
        assertEquals("PreTrainedTokenizerFast", tc.get("tokenizer_class").asText());
        assertEquals(48, tc.get("model_max_length").asInt());
        JsonNode special =
                JSON.readTree(dir.resolve(HfTokenizerFiles.SPECIAL_TOKENS_MAP).toFile());
        assertEquals("<|bos|>", special.get("bos_token").asText());
        assertEquals(
                TOKENIZER.bosId().getAsInt(),
                TOKENIZER.tokenId(special.get("bos_token").asText()).getAsInt());
        assertEquals("<|eos|>", special.get("eos_token").asText());
        JsonNode gen =
                JSON.readTree(dir.resolve(HfTokenizerFiles.GENERATION_CONFIG).toFile());
        assertEquals(TOKENIZER.eosId().getAsInt(), gen.get("eos_token_id").asInt());
        assertEquals(TOKENIZER.bosId().getAsInt(), gen.get("bos_token_id").asInt());
        JsonNode c = config(dir);
        assertEquals("default", c.get("rope_parameters").get("rope_type").asText());
        assertEquals(500_000.0, c.get("rope_parameters").get("rope_theta").asDouble());
    }

    @Test
    void a_linear_scaled_checkpoint_round_trips_its_scaling(@TempDir Path dir) throws Exception {
        saved(dir.resolve("a"));
        ObjectNode c = config(dir.resolve("a"));
        c.set("rope_scaling", JSON.readTree("{\"type\": \"linear\", \"factor\": 2.0}"));
        writeConfig(dir.resolve("a"), c);
        try (LlamaModel m = LlamaModel.load(dir.resolve("a"), Device.cpu())) {
            assertEquals(RopeScaling.linear(2), m.ropeScaling());
            m.save(Files.createDirectories(dir.resolve("b")));
        }
        assertEquals(
                "linear",
                config(dir.resolve("b")).get("rope_scaling").get("rope_type").asText());
        assertArrayEquals(scores(dir.resolve("a")), scores(dir.resolve("b")), 0.0);
    }
}
