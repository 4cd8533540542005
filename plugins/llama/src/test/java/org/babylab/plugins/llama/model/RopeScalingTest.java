package org.babylab.plugins.llama.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rope scaling against hand-computed expectations: transformers' documented llama3 and linear rules
 * evaluated here in double (no PyTorch on this machine), and a loaded model against the loop
 * reference fed those frequencies.
 */
class RopeScalingTest {

    /** transformers' llama3 rule, in double, written from its documentation. */
    private static double[] llama3(int headDim, double theta, double factor, double low, double high, int original) {
        double[] inv = new double[headDim / 2];
        for (int i = 0; i < inv.length; i++) {
            double f = Math.pow(theta, -(2.0 * i) / headDim);
            double wavelength = 2 * Math.PI / f;
            if (wavelength < original / high) {
                inv[i] = f;
            } else if (wavelength > original / low) {
                inv[i] = f / factor;
            } else {
                double s = (original / wavelength - low) / (high - low);
                inv[i] = (1 - s) * f / factor + s * f;
            }
        }
        return inv;
    }

    @Test
    void llama3_frequencies_follow_the_three_bands_of_llama_3_1() {
        // Llama 3.1's own values: theta 500000, factor 8, low 1, high 4, original 8192, head_dim 128.
        float[] got = RopeScaling.llama3(8, 1, 4, 8192).inverseFrequencies(128, 500_000);
        double[] want = llama3(128, 500_000, 8, 1, 4, 8192);
        int unchanged = 0;
        int divided = 0;
        int smoothed = 0;
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-6 * want[i], "frequency " + i);
            double plain = Math.pow(500_000, -(2.0 * i) / 128);
            if (Math.abs(want[i] - plain) < 1e-12 * plain) {
                unchanged++;
            } else if (Math.abs(want[i] - plain / 8) < 1e-12 * plain) {
                divided++;
            } else {
                smoothed++;
            }
        }
        assertTrue(
                unchanged > 0 && divided > 0 && smoothed > 0,
                unchanged + " unchanged, " + divided + " divided, " + smoothed + " smoothed");
    }

    @Test
    void linear_scaling_divides_every_frequency_by_the_factor() {
        float[] plain = RopeScaling.NONE.inverseFrequencies(16, 10_000);
        float[] linear = RopeScaling.linear(4).inverseFrequencies(16, 10_000);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i] / 4f, linear[i], 0f);
        }
    }

    @Test
    void unknown_rope_types_are_refused_naming_the_supported_ones() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new RopeScaling("yarn", 2, 0, 0, 0));
        assertTrue(e.getMessage().contains("default, linear, llama3"), e.getMessage());
    }

    @Test
    void a_v5_llama3_checkpoint_scores_like_the_reference_with_llama3_frequencies_and_unlike_plain_rope(
            @TempDir Path dir) throws Exception {
        BpeTokenizer tok = TestCorpus.tokenizer(300);
        // head_dim 8, theta 100: wavelengths 6.3, 19.9, 62.8, 198.7; original 32 puts them in all three bands.
        LlamaArchitecture arch = new LlamaArchitecture(tok.vocabSize(), 32, 2, 4, 2, 48, 64, 100.0, 1e-5, 0.3);
        try (LlamaModel m = LlamaModel.initialise(arch, tok, 5, Device.cpu())) {
            m.save(dir);
        }
        // A transformers v5 config: no top-level rope_theta, rope_parameters carries type and theta.
        Path cfg = dir.resolve("config.json");
        String json = Files.readString(cfg)
                .replaceAll("\"rope_theta\" : 100\\.0,\\s*\"rope_scaling\" : null,", "")
                .replaceAll(
                        "\"rope_parameters\" : \\{[^}]*\\}",
                        "\"rope_parameters\" : {\"rope_type\": \"llama3\", \"rope_theta\": 100.0, "
                                + "\"factor\": 4.0, \"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 32}");
        assertTrue(!json.contains("\"rope_theta\" : 100.0,") && json.contains("llama3"), json);
        Files.writeString(cfg, json);

        int[] ids = tok.encode("The little girl throws the red truck! We like milk. The dog sees the ball and the cat.")
                .ids();
        try (LlamaModel m = LlamaModel.load(dir, Device.cpu())) {
            assertEquals("llama3", m.ropeScaling().type());
            assertEquals(100.0, m.architecture().ropeTheta());
            Map<String, float[]> weights = new LinkedHashMap<>();
            m.parameters().keySet().forEach(k -> weights.put(k, m.parameterValues(k)));
            double[] got = m.logProbs(List.of(ids)).get(0);
            double[] want = new ReferenceLlama(arch, weights, llama3(8, 100, 4, 1, 4, 32)).logProbs(ids);
            double[] plain = new ReferenceLlama(arch, weights).logProbs(ids);
            double maxPlainGap = 0;
            for (int i = 1; i < ids.length; i++) {
                assertEquals(want[i], got[i], 2e-3 * Math.max(1, Math.abs(want[i])), "position " + i);
                maxPlainGap = Math.max(maxPlainGap, Math.abs(plain[i] - got[i]));
            }
            assertTrue(
                    maxPlainGap > 0.05,
                    "llama3 scaling must change the scores; largest gap to plain rope " + maxPlainGap);
        }
    }
}
