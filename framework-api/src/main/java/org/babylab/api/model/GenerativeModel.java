package org.babylab.api.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LanguageModel} that can also continue text: the capability that generation evaluators
 * and reinforcement-learning stages ask for ({@code model instanceof GenerativeModel}). Added in
 * API 0.3. Like scoring, not safe for concurrent calls on one instance.
 */
public interface GenerativeModel extends LanguageModel {

    /**
     * Continues each prompt. Results do not depend on which other prompts share the call: the
     * random stream of prompt {@code i} is derived from {@code config.seed()} and {@code i} only.
     *
     * @param prompts non-empty token sequences (callers put BOS in front when they want it), each
     *     short enough that {@code prompt.length + config.maxNewTokens() <= maxSequenceLength()}
     * @throws IllegalArgumentException if a prompt is empty, too long or holds an id out of range
     */
    List<Generation> generate(List<int[]> prompts, GenerationConfig config);

    /**
     * Continues text prompts: each is encoded, preceded by the tokenizer's BOS when it has one,
     * and continued with {@link #generate}.
     */
    default List<Generation> generateText(List<String> prompts, GenerationConfig config) {
        List<int[]> ids = new ArrayList<>(prompts.size());
        for (String p : prompts) {
            int[] body = tokenizer().encode(p).ids();
            if (tokenizer().bosId().isPresent()) {
                int[] withBos = new int[body.length + 1];
                withBos[0] = tokenizer().bosId().getAsInt();
                System.arraycopy(body, 0, withBos, 1, body.length);
                body = withBos;
            }
            ids.add(body);
        }
        return generate(ids, config);
    }
}
