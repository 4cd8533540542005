package org.babylab.plugins.rewards;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.reward.Reward;
import org.babylab.api.reward.RewardRequest;

/**
 * chrF (Popović 2015) as sacrebleu computes a sentence score: whitespace removed, character n-gram
 * precision and recall for n = 1..charOrder averaged over the orders that have n-grams, then
 * {@code F_beta = (1 + b^2) P R / (b^2 P + R)}, in [0, 1] (sacrebleu reports it times 100); with
 * several references the best score counts. Immutable.
 */
final class ChrfReward implements Reward {
    private final ChrfConfig config;

    ChrfReward(ChrfConfig config) {
        this.config = config;
    }

    @Override
    public double[] score(List<RewardRequest> batch, LanguageModel policy) {
        double[] out = new double[batch.size()];
        for (int i = 0; i < out.length; i++) {
            RewardRequest r = batch.get(i);
            double best = 0;
            for (String ref : Words.references(r, "chrf")) {
                best = Math.max(best, chrf(r.response(), ref));
            }
            out[i] = best;
        }
        return out;
    }

    double chrf(String hypothesis, String reference) {
        String h = hypothesis.replaceAll("\\s+", "");
        String r = reference.replaceAll("\\s+", "");
        double p = 0;
        double rec = 0;
        int orders = 0;
        for (int n = 1; n <= config.charOrder(); n++) {
            Map<String, Integer> hc = grams(h, n);
            Map<String, Integer> rc = grams(r, n);
            int ht = h.length() - n + 1;
            int rt = r.length() - n + 1;
            if (ht <= 0 || rt <= 0) {
                continue;
            }
            int match = 0;
            for (Map.Entry<String, Integer> e : hc.entrySet()) {
                match += Math.min(e.getValue(), rc.getOrDefault(e.getKey(), 0));
            }
            p += (double) match / ht;
            rec += (double) match / rt;
            orders++;
        }
        if (orders == 0) {
            return 0;
        }
        p /= orders;
        rec /= orders;
        double b2 = config.beta() * config.beta();
        return p + rec == 0 ? 0 : (1 + b2) * p * rec / (b2 * p + rec);
    }

    private static Map<String, Integer> grams(String s, int n) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= s.length(); i++) {
            out.merge(s.substring(i, i + n), 1, Integer::sum);
        }
        return out;
    }
}
