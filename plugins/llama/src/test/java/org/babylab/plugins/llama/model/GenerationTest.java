package org.babylab.plugins.llama.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.babylab.api.model.Generation;
import org.babylab.api.model.GenerationConfig;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generation with the key/value cache against recomputing the whole prefix, sampling, seeds and stop strings. */
class GenerationTest {
    private static BpeTokenizer tokenizer;
    private static LlamaModel model;
    private static List<int[]> prompts;

    @BeforeAll
    static void setUp() {
        tokenizer = TestCorpus.tokenizer(300);
        // Grouped-query attention (2 kv heads for 4 heads) covers the cache's repeat path; a wide init keeps greedy
        // choices far from ties.
        LlamaArchitecture arch = new LlamaArchitecture(tokenizer.vocabSize(), 64, 2, 4, 2, 172, 96, 10_000, 1e-6, 0.3);
        model = LlamaModel.initialise(arch, tokenizer, 11, Device.cpu());
        prompts = List.of(ids("The dog sees"), ids("My mommy likes the big book and"), ids("We"));
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    private static int[] ids(String text) {
        int[] body = tokenizer.encode(text).ids();
        int[] out = new int[body.length + 1];
        out[0] = tokenizer.bosId().getAsInt();
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    @Test
    void greedy_generation_with_the_cache_equals_greedy_generation_without_it_token_for_token() {
        GenerationConfig greedy = new GenerationConfig(40, 0, 0, 1, List.of(), false, 0);
        List<Generation> cached = model.generate(prompts, greedy);
        List<Generation> uncached = model.generateWithoutCache(prompts, greedy);
        for (int i = 0; i < prompts.size(); i++) {
            assertEquals(40, cached.get(i).tokens().length);
            assertArrayEquals(uncached.get(i).tokens(), cached.get(i).tokens(), "prompt " + i);
            assertEquals(uncached.get(i).text(), cached.get(i).text());
        }
    }

    @Test
    void greedy_continuations_equal_the_argmax_of_the_scored_logits_and_do_not_depend_on_the_batch() {
        GenerationConfig greedy = new GenerationConfig(12, 0, 0, 1, List.of(), false, 0);
        List<Generation> batch = model.generate(prompts, greedy);
        for (int i = 0; i < prompts.size(); i++) {
            Generation alone = model.generate(List.of(prompts.get(i)), greedy).get(0);
            assertArrayEquals(
                    alone.tokens(), batch.get(i).tokens(), "prompt " + i + " alone vs in a left-padded batch");
        }
        // The first greedy token is the most likely next token under logProbs of every candidate.
        int[] p = prompts.get(0);
        int first = batch.get(0).tokens()[0];
        double best = Double.NEGATIVE_INFINITY;
        int arg = -1;
        for (int id = 0; id < tokenizer.vocabSize(); id++) {
            int[] s = java.util.Arrays.copyOf(p, p.length + 1);
            s[p.length] = id;
            double lp = model.logProbs(List.of(s)).get(0)[p.length];
            if (lp > best) {
                best = lp;
                arg = id;
            }
        }
        assertEquals(arg, first);
    }

    @Test
    void the_same_seed_gives_the_same_samples_and_another_seed_other_samples() {
        GenerationConfig a = new GenerationConfig(20, 1.0, 50, 0.9, List.of(), false, 5);
        GenerationConfig b = new GenerationConfig(20, 1.0, 50, 0.9, List.of(), false, 6);
        List<Generation> first = model.generate(prompts, a);
        List<Generation> again = model.generate(prompts, a);
        List<Generation> other = model.generate(prompts, b);
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertEquals(
                model.generateWithoutCache(prompts, a),
                first,
                "sampling reads the same logits with and without the cache");
    }

    @Test
    void a_stop_string_ends_the_sequence_and_the_text_is_cut_before_it() {
        GenerationConfig greedy = new GenerationConfig(30, 0, 0, 1, List.of(), false, 0);
        String full = model.generate(List.of(prompts.get(1)), greedy).get(0).text();
        assertTrue(full.length() > 6, full);
        String stop = full.substring(4, 6);
        Generation g = model.generate(
                        List.of(prompts.get(1)), new GenerationConfig(30, 0, 0, 1, List.of(stop), false, 0))
                .get(0);
        assertEquals(Generation.Finish.STOP_STRING, g.finish());
        assertEquals(full.substring(0, full.indexOf(stop)), g.text());
        assertFalse(g.text().contains(stop));
        assertTrue(g.tokens().length < 30);
    }

    @Test
    void top_p_keeps_the_smallest_set_that_reaches_p_and_top_k_the_k_most_likely() {
        float[] logits = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.15), (float) Math.log(0.05)};
        double[] p = Sampling.distribution(logits, new GenerationConfig(1, 1.0, 0, 0.75, List.of(), false, 0));
        assertEquals(0.5 / 0.8, p[0], 1e-6);
        assertEquals(0.3 / 0.8, p[1], 1e-6);
        assertEquals(0.0, p[2]);
        double[] k = Sampling.distribution(logits, new GenerationConfig(1, 1.0, 3, 1.0, List.of(), false, 0));
        assertEquals(0.5 / 0.95, k[0], 1e-6);
        assertEquals(0.0, k[3]);
    }

    @Test
    void a_prompt_that_leaves_no_room_for_max_new_tokens_is_refused_with_the_numbers() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> model.generate(prompts, GenerationConfig.greedy(90)));
        assertTrue(e.getMessage().contains("max_length 96"), e.getMessage());
    }
}
