package org.babylab.plugins.llama.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;

class LlamaReferenceTest {

    @Test
    void ndarray_forward_matches_a_loop_transcription_of_hugging_faces_llama_with_grouped_query_attention() {
        BpeTokenizer tok = TestCorpus.tokenizer(300);
        // A large init std makes attention far from uniform, so layout mistakes change the result.
        LlamaArchitecture arch = new LlamaArchitecture(tok.vocabSize(), 32, 2, 4, 2, 48, 64, 100.0, 1e-5, 0.3);
        try (LlamaModel m = LlamaModel.initialise(arch, tok, 5, Device.cpu())) {
            Map<String, float[]> weights = new LinkedHashMap<>();
            m.parameters().keySet().forEach(k -> weights.put(k, m.parameterValues(k)));
            ReferenceLlama ref = new ReferenceLlama(arch, weights);
            int[] ids = tok.encode("The little girl throws the red truck! We like milk.")
                    .ids();
            double[] got = m.logProbs(List.of(ids)).get(0);
            double[] want = ref.logProbs(ids);
            for (int i = 1; i < ids.length; i++) {
                assertEquals(want[i], got[i], 2e-3 * Math.max(1, Math.abs(want[i])), "position " + i);
            }
        }
    }
}
