package org.babylab.testkit;

import java.util.List;
import java.util.Map;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.step.ComponentContext;

/** A small evaluator for the test kit's own tests: is {@code good} more probable than {@code bad} under the model? */
final class ProbeEvaluatorFactory implements EvaluatorFactory<ProbeEvaluatorFactory.Config> {
    record Config(
            @Required @Doc("the sentence that should win") String good,
            @Doc("the one that should lose") String bad,
            @Doc("items to claim") Integer items,
            @Doc("throw while evaluating, to test failures") Boolean fail) {
        Config {
            fail = fail != null && fail;
            bad = bad == null ? "" : bad;
            items = items == null ? 1 : items;
            if (items < 1) {
                throw new IllegalArgumentException("items must be >= 1, got " + items);
            }
        }
    }

    @Override
    public String type() {
        return "probe-pair";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Evaluator create(Config c, ComponentContext context) {
        return (model, step) -> {
            if (c.fail()) {
                throw new IllegalStateException("probe told to fail");
            }
            double good = score(model, c.good());
            double bad = score(model, c.bad());
            step.predictions().accept(Map.of("good", good, "bad", bad));
            return new EvaluationResult("accuracy", Map.of("accuracy", good > bad ? 1.0 : 0.0), Map.of(), c.items());
        };
    }

    private static double score(org.babylab.api.model.LanguageModel model, String text) {
        int[] ids = model.tokenizer().encode(text).ids();
        int[] seq = new int[ids.length + 1];
        seq[0] = model.tokenizer().bosId().orElseThrow();
        System.arraycopy(ids, 0, seq, 1, ids.length);
        double[] lp = model.logProbs(List.of(seq)).get(0);
        double s = 0;
        for (int i = 1; i < lp.length; i++) {
            s += lp[i];
        }
        return s;
    }

    /** The factory as a plugin. */
    static Plugin plugin() {
        return new Plugin() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public String apiVersion() {
                return BabyLabApi.VERSION;
            }

            @Override
            public List<EvaluatorFactory<?>> evaluators() {
                return List.of(new ProbeEvaluatorFactory());
            }
        };
    }
}
