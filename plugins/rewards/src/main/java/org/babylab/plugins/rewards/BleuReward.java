package org.babylab.plugins.rewards;

import java.util.List;
import java.util.Map;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.reward.Reward;
import org.babylab.api.reward.RewardRequest;

/**
 * Sentence BLEU (Papineni et al. 2002) on whitespace words: for each order n the response's n-gram
 * counts clipped by their largest count in any reference, over its n-gram total; the geometric mean
 * of those precisions with uniform weights; times the brevity penalty {@code exp(1 - r/c)} when the
 * response (c words) is shorter than the reference closest in length (r; ties to the shorter, as
 * NLTK). An empty response scores 0. Immutable.
 */
final class BleuReward implements Reward {
    private final BleuConfig config;

    BleuReward(BleuConfig config) {
        this.config = config;
    }

    @Override
    public double[] score(List<RewardRequest> batch, LanguageModel policy) {
        double[] out = new double[batch.size()];
        for (int i = 0; i < out.length; i++) {
            RewardRequest r = batch.get(i);
            out[i] = bleu(
                    Words.split(r.response(), config.lowercase()),
                    Words.references(r, "bleu").stream()
                            .map(s -> Words.split(s, config.lowercase()))
                            .toList());
        }
        return out;
    }

    double bleu(List<String> hyp, List<List<String>> refs) {
        int c = hyp.size();
        if (c == 0) {
            return 0;
        }
        double logSum = 0;
        for (int n = 1; n <= config.maxOrder(); n++) {
            Map<String, Integer> h = Words.ngrams(hyp, n);
            int total = Math.max(0, c - n + 1);
            int matches = 0;
            for (Map.Entry<String, Integer> e : h.entrySet()) {
                int best = 0;
                for (List<String> ref : refs) {
                    best = Math.max(best, Words.ngrams(ref, n).getOrDefault(e.getKey(), 0));
                }
                matches += Math.min(e.getValue(), best);
            }
            double num = matches;
            double den = total;
            if (config.smoothing().equals("add-one") && n > 1) {
                num += 1;
                den += 1;
            }
            if (num == 0 || den == 0) {
                return 0;
            }
            logSum += Math.log(num / den) / config.maxOrder();
        }
        int r = refs.get(0).size();
        for (List<String> ref : refs) {
            int d = Math.abs(ref.size() - c);
            int best = Math.abs(r - c);
            if (d < best || (d == best && ref.size() < r)) {
                r = ref.size();
            }
        }
        double bp = c >= r ? 1.0 : Math.exp(1 - (double) r / c);
        return bp * Math.exp(logSum);
    }
}
