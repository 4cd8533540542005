package org.babylab.plugins.llama.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.babylab.api.model.LanguageModel;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.HfLlamaModelConfig;
import org.babylab.plugins.llama.model.HfLlamaModelFactory;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.testkit.TestStepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfRoundTripTest {
    private static final BpeTokenizer TOKENIZER = TestCorpus.tokenizer(300);
    private static final LlamaArchitecture ARCH =
            new LlamaArchitecture(TOKENIZER.vocabSize(), 32, 2, 4, 2, 64, 48, 500_000, 1e-5, 0.05);

    private static List<int[]> sequences() {
        return List.of(
                TOKENIZER.encode("The dog sees the ball. A cat eats a cookie!").ids(),
                TOKENIZER.encode("we like milk").ids());
    }

    @Test
    void exported_model_imports_through_hf_llama_with_identical_log_probs(@TempDir Path dir) throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        List<double[]> before;
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 11, Device.cpu())) {
            before = m.logProbs(sequences());
            m.save(export);
        }
        TestStepContext ctx = TestStepContext.builder(dir).build();
        try (LanguageModel imported = new HfLlamaModelFactory().create(new HfLlamaModelConfig("export"), ctx)) {
            List<double[]> after = imported.logProbs(sequences());
            for (int s = 0; s < before.size(); s++) {
                for (int i = 1; i < before.get(s).length; i++) {
                    assertEquals(before.get(s)[i], after.get(s)[i], 0.0, "sequence " + s + " position " + i);
                }
            }
            assertEquals(ARCH, ((LlamaModel) imported).architecture());
        }
    }

    @Test
    void config_json_uses_hugging_face_field_names(@TempDir Path dir) throws IOException {
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 1, Device.cpu())) {
            m.save(dir);
        }
        JsonNode c = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
        assertEquals("LlamaForCausalLM", c.get("architectures").get(0).asText());
        assertEquals(32, c.get("hidden_size").asInt());
        assertEquals(2, c.get("num_key_value_heads").asInt());
        assertEquals(48, c.get("max_position_embeddings").asInt());
        assertEquals(500_000.0, c.get("rope_theta").asDouble());
        assertEquals(false, c.get("tie_word_embeddings").asBoolean());
        assertEquals("float32", c.get("torch_dtype").asText());
        try (Safetensors.Reader r = Safetensors.open(dir.resolve("model.safetensors"))) {
            assertTrue(r.names().contains("model.layers.1.self_attn.k_proj.weight"));
            assertEquals(
                    List.of(16L, 32L),
                    java.util.Arrays.stream(r.shape("model.layers.1.self_attn.k_proj.weight"))
                            .boxed()
                            .toList());
            assertEquals(ARCH.parameterShapes().keySet(), r.names());
        }
        assertTrue(Files.isRegularFile(dir.resolve("tokenizer.json")));
    }

    @Test
    void a_missing_tensor_is_reported_with_file_and_tensor_name(@TempDir Path dir) throws IOException {
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 1, Device.cpu())) {
            m.save(dir);
        }
        // Rewrite the weights without one tensor.
        Path weights = dir.resolve("model.safetensors");
        java.util.Map<String, Safetensors.Tensor> kept = new java.util.LinkedHashMap<>();
        try (Safetensors.Reader r = Safetensors.open(weights)) {
            for (String n : r.names()) {
                if (!n.equals("model.layers.0.mlp.up_proj.weight")) {
                    kept.put(n, r.read(n));
                }
            }
        }
        Safetensors.write(weights, kept, java.util.Map.of());
        IOException e = assertThrows(IOException.class, () -> LlamaModel.load(dir, Device.cpu()));
        assertTrue(
                e.getMessage().contains("model.layers.0.mlp.up_proj.weight")
                        && e.getMessage().contains(weights.toString()),
                e.getMessage());
    }

    @Test
    void a_config_with_an_unsupported_rope_type_is_refused_naming_the_key(@TempDir Path dir) throws IOException {
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 1, Device.cpu())) {
            m.save(dir);
        }
        Path cfg = dir.resolve("config.json");
        Files.writeString(
                cfg,
                Files.readString(cfg)
                        .replace(
                                "\"rope_scaling\" : null", "\"rope_scaling\" : {\"type\": \"yarn\", \"factor\": 2.0}"));
        IOException e = assertThrows(IOException.class, () -> LlamaModel.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("rope_scaling"), e.getMessage());
    }
}
