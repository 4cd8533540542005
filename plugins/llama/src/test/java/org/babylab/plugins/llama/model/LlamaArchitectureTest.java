package org.babylab.plugins.llama.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LlamaArchitectureTest {

    @Test
    void llama_140m_preset_has_the_papers_140231872_parameters() {
        assertEquals(140_231_872L, LlamaPresets.get("llama-140m").parameterCount());
    }

    @Test
    void llama_100m_preset_has_the_papers_100684288_parameters() {
        assertEquals(100_684_288L, LlamaPresets.get("llama-100m").parameterCount());
    }

    @Test
    void grouped_query_attention_shrinks_key_and_value_projections() {
        LlamaArchitecture mha = new LlamaArchitecture(100, 64, 1, 4, 4, 128, 32, 1e4, 1e-6, 0.02);
        LlamaArchitecture gqa = new LlamaArchitecture(100, 64, 1, 4, 2, 128, 32, 1e4, 1e-6, 0.02);
        assertEquals(2 * 64 * 32, mha.parameterCount() - gqa.parameterCount());
    }

    @Test
    void heads_that_do_not_divide_the_width_are_rejected_naming_both() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> new LlamaArchitecture(100, 64, 1, 5, 5, 128, 32, 1e4, 1e-6, 0.02));
        assertTrue(e.getMessage().contains("64") && e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void a_preset_that_fixes_the_vocabulary_rejects_a_different_tokenizer_naming_both_sizes() {
        LlamaModelConfig c =
                new LlamaModelConfig("llama-100m", "tok", null, null, null, null, null, null, null, null, null);
        var e = assertThrows(IllegalArgumentException.class, () -> c.architecture(8000));
        assertTrue(e.getMessage().contains("16384") && e.getMessage().contains("8000"), e.getMessage());
    }

    @Test
    void overrides_replace_preset_fields_and_vocabulary_comes_from_the_tokenizer() {
        LlamaModelConfig c = new LlamaModelConfig("llama-tiny", "tok", 128, 3, 8, 2, null, 64, null, null, null);
        LlamaArchitecture a = c.architecture(999);
        assertEquals(new LlamaArchitecture(999, 128, 3, 8, 2, 256, 64, 10_000, 1e-6, 0.02), a);
    }

    @Test
    void an_unknown_preset_lists_the_valid_ones() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> new LlamaModelConfig("llama-7b", "tok", null, null, null, null, null, null, null, null, null));
        assertTrue(e.getMessage().contains("llama-140m"), e.getMessage());
    }
}
