package org.babylab.plugins.llama;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.plugins.llama.tokenizer.ByteLevelBpeTrainer;
import org.babylab.plugins.llama.tokenizer.SpecialTokens;

/** Small deterministic child-directed-style corpus and a tokenizer trained on it, shared by tests. */
public final class TestCorpus {
    private static final String[] SUBJECTS = {
        "the dog", "a cat", "my mommy", "the little girl", "daddy", "the baby", "you", "we"
    };
    private static final String[] VERBS = {"sees", "wants", "likes", "throws", "eats", "finds", "holds", "pushes"};
    private static final String[] OBJECTS = {
        "the ball", "a cookie", "the red truck", "some milk", "the big book", "a banana", "the blocks"
    };

    private TestCorpus() {}

    /** {@code n} documents of a few sentences each, the same for the same seed. */
    public static List<String> documents(int n, long seed) {
        Random r = new Random(seed);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            int sentences = 1 + r.nextInt(4);
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    sb.append(' ');
                }
                String subj = SUBJECTS[r.nextInt(SUBJECTS.length)];
                sb.append(Character.toUpperCase(subj.charAt(0)))
                        .append(subj.substring(1))
                        .append(' ')
                        .append(VERBS[r.nextInt(VERBS.length)])
                        .append(' ')
                        .append(OBJECTS[r.nextInt(OBJECTS.length)])
                        .append(r.nextBoolean() ? "." : "!");
            }
            docs.add(sb.toString());
        }
        return docs;
    }

    /** A byte-level BPE tokenizer of {@code vocab} ids trained on {@link #documents}(400, 1). */
    public static BpeTokenizer tokenizer(int vocab) {
        ByteLevelBpeTrainer trainer = new ByteLevelBpeTrainer(vocab, 2, SpecialTokens.ALL);
        trainer.addDocuments(documents(400, 1).stream());
        return BpeTokenizer.of(trainer.train());
    }
}
