package org.babylab.api.reward;

import java.util.List;

/**
 * What a reward scores: a response generated for a prompt, with the dataset's references for that
 * prompt (e.g. the {@code chosen} reply of a preference record as the teacher's answer).
 *
 * @param prompt the prompt text as the policy read it
 * @param response the generated continuation, cut at the stop string
 * @param references reference texts, possibly none; never null
 */
public record RewardRequest(String prompt, String response, List<String> references) {
    public RewardRequest {
        if (prompt == null || response == null) {
            throw new IllegalArgumentException(
                    "a reward request needs a prompt and a response (possibly empty), got null");
        }
        references = references == null ? List.of() : List.copyOf(references);
    }
}
