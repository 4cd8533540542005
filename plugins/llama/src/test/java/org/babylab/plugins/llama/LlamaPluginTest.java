package org.babylab.plugins.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.babylab.api.Plugin;
import org.babylab.testkit.PluginChecks;
import org.junit.jupiter.api.Test;

class LlamaPluginTest {

    @Test
    void plugin_is_well_formed_and_found_by_the_service_loader() {
        PluginChecks.assertWellFormed(new LlamaPlugin());
        assertTrue(ServiceLoader.load(Plugin.class).stream().anyMatch(p -> p.type() == LlamaPlugin.class));
    }

    @Test
    void declares_the_bpe_llama_hf_llama_and_causal_lm_types() {
        LlamaPlugin p = new LlamaPlugin();
        assertEquals("bpe", p.tokenizers().get(0).type());
        assertEquals(
                java.util.List.of("llama", "hf-llama"),
                p.models().stream().map(f -> f.type()).toList());
        assertEquals("causal-lm", p.stages().get(0).type());
    }
}
