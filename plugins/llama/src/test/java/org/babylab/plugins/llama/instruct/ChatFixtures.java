package org.babylab.plugins.llama.instruct;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.babylab.api.chat.TokenizedExample;
import org.babylab.api.curriculum.CurriculumPhase;
import org.babylab.api.curriculum.OrderManifest;
import org.babylab.api.data.Dataset;
import org.babylab.api.step.PhaseContext;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.plugins.llama.train.GradientStep;
import org.babylab.toolkit.chat.ChatExamples;
import org.babylab.toolkit.chat.RoleTokensTemplate;
import org.babylab.toolkit.chat.SegmentEncoder;

/** Small deterministic instruction data, a tiny model and helpers shared by the instruction-tuning tests. */
final class ChatFixtures {
    private ChatFixtures() {}

    /** {@code n} prompt/reply records, one sentence each, drawn from the test corpus, the same for the same seed. */
    static List<Map<String, Object>> records(int n, long seed) {
        List<String> docs = TestCorpus.documents(2 * n, seed);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Map.of("prompt", firstSentence(docs.get(2 * i)), "reply", firstSentence(docs.get(2 * i + 1))));
        }
        return out;
    }

    /** Keeps examples short enough that several share a 128-token row. */
    private static String firstSentence(String doc) {
        int end = doc.replace('!', '.').indexOf('.');
        return end < 0 ? doc : doc.substring(0, end + 1);
    }

    /** The role-tokens rendering of a record, BOS first. */
    static TokenizedExample encode(Map<String, Object> record, BpeTokenizer tok) {
        return SegmentEncoder.encode(ChatExamples.messages(record), new RoleTokensTemplate(), tok);
    }

    /** A two-layer model with 64-dim states, the same for the same seed. */
    static LlamaModel model(BpeTokenizer tok, long seed) {
        LlamaArchitecture arch = new LlamaArchitecture(tok.vocabSize(), 64, 2, 4, 4, 128, 128, 10_000, 1e-6, 0.02);
        return LlamaModel.initialise(arch, tok, seed, Device.cpu());
    }

    /** One phase over dataset {@code name}: {@code epochs} passes over its {@code size} records in a seeded order. */
    static PhaseContext phase(String name, int size, int epochs, long seed) {
        int[] datasetOf = new int[size * epochs];
        int[] indexOf = new int[size * epochs];
        int[] ends = new int[epochs];
        Random r = new Random(seed);
        for (int e = 0; e < epochs; e++) {
            List<Integer> perm = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                perm.add(i);
            }
            java.util.Collections.shuffle(perm, r);
            for (int i = 0; i < size; i++) {
                indexOf[e * size + i] = perm.get(i);
            }
            ends[e] = (e + 1) * size;
        }
        OrderManifest order = new OrderManifest(List.of(name), datasetOf, indexOf, ends);
        return new PhaseContext(
                "test-curriculum", new CurriculumPhase(name, List.of(name), Map.of(), epochs), 0, 1, order);
    }

    /** The summed reply loss and the gradient of every parameter, without changing the model. */
    static Map<String, float[]> lossAndGradients(LlamaModel model, InstructionBatch batch, double[] loss) {
        model.parameters().values().forEach(p -> p.setRequiresGradient(true));
        try (NDScope scope = new NDScope();
                NDManager sm = model.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            loss[0] = GradientStep.backward(sm, List.of(s -> batch.lossSum(model, s)), 1.0);
            Map<String, float[]> grads = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
                grads.put(e.getKey(), e.getValue().getGradient().toFloatArray());
            }
            return grads;
        } finally {
            GradientStep.zeroGradients(model);
            model.parameters().values().forEach(p -> p.setRequiresGradient(false));
        }
    }

    /** A real {@link Dataset} over records held in memory. */
    record RecordsDataset(List<Map<String, Object>> rows) implements Dataset {
        @Override
        public List<Path> files() {
            return List.of();
        }

        @Override
        public String fingerprint() {
            return Integer.toHexString(rows.hashCode());
        }

        @Override
        public Stream<String> texts() {
            return rows.stream().map(r -> r.get("prompt") + "\n" + r.get("reply"));
        }

        @Override
        public Stream<Map<String, Object>> records() {
            return rows.stream();
        }
    }
}
