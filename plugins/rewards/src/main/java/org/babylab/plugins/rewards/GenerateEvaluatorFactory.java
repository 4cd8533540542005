package org.babylab.plugins.rewards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.Generation;
import org.babylab.api.model.GenerativeModel;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.reward.Reward;
import org.babylab.api.reward.RewardRequest;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.api.step.StepContext;

/**
 * The {@code generate} evaluator: continues each prompt of a dataset and writes
 * {@code {item, prompt, continuation, finish, new_tokens, references, reward?}} to the predictions
 * file, so a researcher can read what a tuned model says. Metrics: {@code mean_reward} (primary,
 * with a reward), {@code mean_new_tokens}, {@code stopped} (share ended by a stop string or EOS).
 * Stateless, thread-safe.
 */
public final class GenerateEvaluatorFactory implements EvaluatorFactory<GenerateConfig> {

    @Override
    public String type() {
        return "generate";
    }

    @Override
    public Class<GenerateConfig> configType() {
        return GenerateConfig.class;
    }

    @Override
    public String description() {
        return "Generates continuations of a dataset's prompts into the predictions file, optionally scored by a reward";
    }

    @Override
    public Evaluator create(GenerateConfig config, ComponentContext context) {
        return (model, ctx) -> evaluate(config, model, ctx);
    }

    private static EvaluationResult evaluate(GenerateConfig config, LanguageModel model, StepContext context)
            throws Exception {
        if (!(model instanceof GenerativeModel g)) {
            throw new IllegalArgumentException(
                    "evaluator generate needs a model that can generate text (such as llama); this one is a "
                            + model.getClass().getSimpleName() + ", which can only score");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        try (Stream<Map<String, Object>> s =
                context.inputs().dataset(config.data()).records()) {
            s.limit(config.limit() == null ? Long.MAX_VALUE : config.limit()).forEach(records::add);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + config.data() + "' has no records to generate from");
        }
        Reward reward = config.reward() == null ? null : context.inputs().reward(config.reward());
        double rewardSum = 0;
        long tokens = 0;
        long stopped = 0;
        context.progress().start("generate", "prompts", records.size());
        for (int from = 0; from < records.size(); from += config.batchSize()) {
            List<Map<String, Object>> part = records.subList(from, Math.min(records.size(), from + config.batchSize()));
            List<String> prompts = new ArrayList<>();
            List<List<String>> refs = new ArrayList<>();
            for (int k = 0; k < part.size(); k++) {
                Map<String, Object> r = part.get(k);
                if (!(r.get(config.promptField()) instanceof String p)) {
                    throw new IllegalArgumentException(
                            "dataset '" + config.data() + "' record " + (from + k + 1) + " has no string '"
                                    + config.promptField() + "' field (set prompt_field); it has " + r.keySet());
                }
                prompts.add(p + config.separator());
                List<String> rs = new ArrayList<>();
                for (String f : config.referenceFields()) {
                    if (r.get(f) instanceof String s) {
                        rs.add(s);
                    }
                }
                refs.add(rs);
            }
            List<Generation> out = g.generateText(prompts, config.generation(context.seed() + from));
            List<RewardRequest> requests = new ArrayList<>();
            for (int k = 0; k < part.size(); k++) {
                requests.add(new RewardRequest(prompts.get(k), out.get(k).text(), refs.get(k)));
            }
            double[] scores = reward == null ? null : reward.score(requests, model);
            for (int k = 0; k < part.size(); k++) {
                Generation gen = out.get(k);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("item", from + k);
                p.put("prompt", prompts.get(k));
                p.put("continuation", gen.text());
                p.put("finish", gen.finish().name().toLowerCase(java.util.Locale.ROOT));
                p.put("new_tokens", gen.tokens().length);
                p.put("references", refs.get(k));
                if (scores != null) {
                    p.put("reward", scores[k]);
                    rewardSum += scores[k];
                }
                context.predictions().accept(p);
                tokens += gen.tokens().length;
                stopped += gen.finish() == Generation.Finish.LENGTH ? 0 : 1;
            }
            context.progress().advance(part.size());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        int n = records.size();
        if (reward != null) {
            metrics.put("mean_reward", rewardSum / n);
        }
        metrics.put("mean_new_tokens", (double) tokens / n);
        metrics.put("stopped", (double) stopped / n);
        return new EvaluationResult(reward != null ? "mean_reward" : "mean_new_tokens", metrics, Map.of(), n);
    }
}
