package org.babylab.plugins.llama.preference;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;

/** Small deterministic preference data (a sentence preferred over its words shuffled) and a tiny model. */
final class PreferenceFixtures {
    private PreferenceFixtures() {}

    /** {@code n} triples {prompt, chosen, rejected}, the same for the same seed. */
    static List<String[]> triples(int n, long seed) {
        List<String> docs = TestCorpus.documents(2 * n, seed);
        Random r = new Random(seed);
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String reply = first(docs.get(2 * i + 1));
            List<String> words = new ArrayList<>(List.of(reply.split(" ")));
            Collections.shuffle(words, r);
            out.add(new String[] {first(docs.get(2 * i)), reply, String.join(" ", words)});
        }
        return out;
    }

    private static String first(String doc) {
        int end = doc.replace('!', '.').indexOf('.');
        return end < 0 ? doc : doc.substring(0, end + 1);
    }

    static List<PreferencePair> pairs(int n, long seed, BpeTokenizer tok) {
        return PreferenceExamples.encode(triples(n, seed), tok, " ", true, 96, 48);
    }

    /** A two-layer model with 64-dim states, the same for the same seed. */
    static LlamaModel model(BpeTokenizer tok, long seed) {
        LlamaArchitecture arch = new LlamaArchitecture(tok.vocabSize(), 64, 2, 4, 4, 128, 128, 10_000, 1e-6, 0.02);
        return LlamaModel.initialise(arch, tok, seed, Device.cpu());
    }
}
