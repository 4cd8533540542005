package org.babylab.plugins.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.babylab.plugins.llama.instruct.InstructionTuneConfig;
import org.babylab.plugins.llama.model.LlamaModelConfig;
import org.babylab.plugins.llama.tokenizer.BpeConfig;
import org.babylab.plugins.llama.train.CausalLmConfig;
import org.junit.jupiter.api.Test;

/** The configs bind from YAML-shaped maps with the runtime's rules (snake_case keys, unknown keys rejected). */
class ConfigBindingTest {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(
                    DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    @Test
    void the_quickstart_stage_binds_with_nested_optimizer_settings() {
        CausalLmConfig c = MAPPER.convertValue(
                Map.of(
                        "from",
                        "tiny",
                        "data",
                        "corpus",
                        "epochs",
                        1,
                        "seq_len",
                        64,
                        "optimizer",
                        Map.of(
                                "lr",
                                3.0e-3,
                                "batch_size",
                                16,
                                "schedule",
                                "cosine",
                                "warmup_steps",
                                20,
                                "betas",
                                List.of(0.9, 0.95))),
                CausalLmConfig.class);
        assertEquals(64, c.seqLen());
        assertEquals(16, c.optimizer().batchSize());
        assertEquals(List.of(0.9, 0.95), c.optimizer().betas());
        assertEquals(1.0, c.optimizer().gradClip(), "unset keys take their defaults");
    }

    @Test
    void model_and_tokenizer_configs_bind_from_snake_case_keys() {
        LlamaModelConfig m = MAPPER.convertValue(
                Map.of("preset", "llama-tiny", "tokenizer", "bpe", "kv_heads", 2, "max_length", 128),
                LlamaModelConfig.class);
        assertEquals(2, m.architecture(500).kvHeads());
        BpeConfig b = MAPPER.convertValue(Map.of("vocab_size", 1000, "train_on", "corpus"), BpeConfig.class);
        assertEquals(2, b.minFrequency());
    }

    @Test
    void an_unknown_key_and_an_invalid_value_are_rejected() {
        var unknown = assertThrows(
                IllegalArgumentException.class,
                () -> MAPPER.convertValue(
                        Map.of("from", "a", "data", "b", "learning_rate", 1.0), CausalLmConfig.class));
        assertTrue(unknown.getMessage().contains("learning_rate"), unknown.getMessage());
        var invalid = assertThrows(
                IllegalArgumentException.class,
                () -> MAPPER.convertValue(
                        Map.of("from", "a", "data", "b", "optimizer", Map.of("schedule", "step")),
                        CausalLmConfig.class));
        assertTrue(invalid.getMessage().contains("cosine-with-restarts"), invalid.getMessage());
    }

    @Test
    void the_instruction_stage_binds_with_its_own_optimizer_defaults_and_no_restarts_key() {
        InstructionTuneConfig c = MAPPER.convertValue(
                Map.of(
                        "from",
                        "pretrain",
                        "curriculum",
                        "merged",
                        "chat_template",
                        "chat",
                        "seq_len",
                        64,
                        "optimizer",
                        Map.of("lr", 1.0e-3, "grad_accum", 2)),
                InstructionTuneConfig.class);
        assertEquals("chat", c.chatTemplate());
        assertEquals(1.0e-3, c.optimizer().lr());
        assertEquals(
                "cosine-with-restarts",
                c.optimizer().schedule(),
                "unset keys take the instruction-tuning defaults, not causal-lm's");
        assertEquals(500, c.optimizer().warmupSteps());
        assertEquals(2, c.optimizer().toOptimizerConfig().gradAccum());
        var restarts = assertThrows(
                IllegalArgumentException.class,
                () -> MAPPER.convertValue(
                        Map.of("from", "a", "curriculum", "b", "optimizer", Map.of("restarts", 3)),
                        InstructionTuneConfig.class));
        assertTrue(restarts.getMessage().contains("restarts"), restarts.getMessage());
        var epochs = assertThrows(
                IllegalArgumentException.class,
                () -> MAPPER.convertValue(
                        Map.of("from", "a", "curriculum", "b", "epochs", 3), InstructionTuneConfig.class));
        assertTrue(epochs.getMessage().contains("epochs"), epochs.getMessage());
    }
}
