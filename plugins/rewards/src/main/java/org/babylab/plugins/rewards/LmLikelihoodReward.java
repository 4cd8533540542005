package org.babylab.plugins.rewards;

import java.util.ArrayList;
import java.util.List;
import org.babylab.api.model.Encoding;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.reward.Reward;
import org.babylab.api.reward.RewardRequest;

/**
 * The mean natural-log probability per token of the response, conditioned on BOS and the prompt,
 * under {@code scorer} (or the policy when none is given). The text {@code prompt + separator +
 * response} is encoded once and the tokens that overlap the response are scored, so a token that
 * straddles the boundary counts with the response. An empty response scores 0. Immutable.
 */
final class LmLikelihoodReward implements Reward {
    private final LanguageModel scorer;
    private final String separator;

    LmLikelihoodReward(LanguageModel scorer, String separator) {
        this.scorer = scorer;
        this.separator = separator;
    }

    @Override
    public double[] score(List<RewardRequest> batch, LanguageModel policy) {
        LanguageModel m = scorer != null ? scorer : policy;
        if (m == null) {
            throw new IllegalArgumentException(
                    "reward lm-likelihood without model: scores with the policy, but none was given");
        }
        List<int[]> sequences = new ArrayList<>();
        int[] first = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            RewardRequest r = batch.get(i);
            String context = r.prompt() + separator;
            Encoding e = m.tokenizer().encode(context + r.response());
            int bos = m.tokenizer().bosId().isPresent() ? 1 : 0;
            int[] ids = new int[e.length() + bos];
            if (bos == 1) {
                ids[0] = m.tokenizer().bosId().getAsInt();
            }
            System.arraycopy(e.ids(), 0, ids, bos, e.length());
            int k = 0;
            while (k < e.length() && e.ends()[k] <= context.length()) {
                k++;
            }
            first[i] = Math.max(1, k + bos);
            int max = m.maxSequenceLength();
            if (ids.length > max) {
                throw new IllegalArgumentException("reward lm-likelihood: prompt and response take " + ids.length
                        + " tokens, more than the scoring model's max_length " + max);
            }
            sequences.add(ids.length == 0 ? new int[] {0} : ids);
        }
        List<double[]> lps = m.logProbs(sequences);
        double[] out = new double[batch.size()];
        for (int i = 0; i < out.length; i++) {
            double[] lp = lps.get(i);
            int n = lp.length - first[i];
            double sum = 0;
            for (int j = first[i]; j < lp.length; j++) {
                sum += lp[j];
            }
            out[i] = n <= 0 ? 0 : sum / n;
        }
        return out;
    }
}
