package org.babylab.plugins.rewards;

import java.util.List;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.reward.Reward;
import org.babylab.api.reward.RewardRequest;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.spi.RewardFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.api.step.Inputs;

/**
 * The {@code babylab-rewards} plugin: the {@code bleu}, {@code chrf}, {@code length},
 * {@code lm-likelihood} and {@code weighted-sum} rewards, and the {@code generate} evaluator.
 * Cheap to construct; returns the same stateless factories on every call.
 */
public final class RewardsPlugin implements Plugin {
    private static final List<RewardFactory<?>> REWARDS =
            List.of(new Bleu(), new Chrf(), new Length(), new LmLikelihood(), new WeightedSum());
    private static final List<EvaluatorFactory<?>> EVALUATORS = List.of(new GenerateEvaluatorFactory());

    @Override
    public String name() {
        return "babylab-rewards";
    }

    @Override
    public String apiVersion() {
        return BabyLabApi.VERSION;
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public List<RewardFactory<?>> rewards() {
        return REWARDS;
    }

    @Override
    public List<EvaluatorFactory<?>> evaluators() {
        return EVALUATORS;
    }

    static final class Bleu implements RewardFactory<BleuConfig> {
        @Override
        public String type() {
            return "bleu";
        }

        @Override
        public Class<BleuConfig> configType() {
            return BleuConfig.class;
        }

        @Override
        public String description() {
            return "Sentence BLEU (default BLEU-1, no smoothing) of the response against the references";
        }

        @Override
        public Reward create(BleuConfig config, ComponentContext context, Inputs inputs) {
            return new BleuReward(config);
        }
    }

    static final class Chrf implements RewardFactory<ChrfConfig> {
        @Override
        public String type() {
            return "chrf";
        }

        @Override
        public Class<ChrfConfig> configType() {
            return ChrfConfig.class;
        }

        @Override
        public String description() {
            return "chrF character n-gram F-score against the best reference";
        }

        @Override
        public Reward create(ChrfConfig config, ComponentContext context, Inputs inputs) {
            return new ChrfReward(config);
        }
    }

    static final class Length implements RewardFactory<LengthConfig> {
        @Override
        public String type() {
            return "length";
        }

        @Override
        public Class<LengthConfig> configType() {
            return LengthConfig.class;
        }

        @Override
        public String description() {
            return "1 inside a target range of words, falling linearly outside it";
        }

        @Override
        public Reward create(LengthConfig config, ComponentContext context, Inputs inputs) {
            return (batch, policy) -> {
                double[] out = new double[batch.size()];
                for (int i = 0; i < out.length; i++) {
                    int n = Words.split(batch.get(i).response(), false).size();
                    int d = n < config.minWords() ? config.minWords() - n : Math.max(0, n - config.maxWords());
                    out[i] = Math.max(0, 1 - config.slope() * d);
                }
                return out;
            };
        }
    }

    static final class LmLikelihood implements RewardFactory<LmLikelihoodConfig> {
        @Override
        public String type() {
            return "lm-likelihood";
        }

        @Override
        public Class<LmLikelihoodConfig> configType() {
            return LmLikelihoodConfig.class;
        }

        @Override
        public String description() {
            return "Mean token log-prob of the response under a teacher model or the policy itself";
        }

        @Override
        public Reward create(LmLikelihoodConfig config, ComponentContext context, Inputs inputs) {
            LanguageModel scorer = config.model() == null ? null : inputs.model(config.model());
            return new LmLikelihoodReward(scorer, config.separator());
        }
    }

    static final class WeightedSum implements RewardFactory<WeightedSumConfig> {
        @Override
        public String type() {
            return "weighted-sum";
        }

        @Override
        public Class<WeightedSumConfig> configType() {
            return WeightedSumConfig.class;
        }

        @Override
        public String description() {
            return "A weighted sum of other rewards";
        }

        @Override
        public Reward create(WeightedSumConfig config, ComponentContext context, Inputs inputs) {
            List<Reward> parts = config.rewards().stream().map(inputs::reward).toList();
            return (List<RewardRequest> batch, LanguageModel policy) -> {
                double[] out = new double[batch.size()];
                for (int k = 0; k < parts.size(); k++) {
                    double[] s = parts.get(k).score(batch, policy);
                    for (int i = 0; i < out.length; i++) {
                        out[i] += config.weights().get(k) * s[i];
                    }
                }
                return out;
            };
        }
    }
}
