package org.babylab.runtime.registry;

import java.util.List;
import java.util.Map;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.config.Doc;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.step.ComponentContext;

/**
 * A plugin found through {@code registry/classpath/META-INF/services/org.babylab.api.Plugin} in
 * the test resources: one evaluator that reports the model's vocabulary size.
 */
public final class ClassPathTestPlugin implements Plugin {
    /** The evaluator type this plugin provides. */
    public static final String TYPE = "vocab-size";

    /** @param scale a factor applied to the reported size */
    public record Config(
            @Doc("factor applied to the reported size") Double scale) {
        public Config {
            scale = scale == null ? 1.0 : scale;
        }
    }

    /** Reports {@code vocab_size}, scaled. */
    public static final class VocabSizeFactory implements EvaluatorFactory<Config> {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public String description() {
            return "reports the vocabulary size";
        }

        @Override
        public Evaluator create(Config config, ComponentContext context) {
            return (model, step) -> new EvaluationResult(
                    "vocab_size",
                    Map.of("vocab_size", config.scale() * model.tokenizer().vocabSize()),
                    Map.of(),
                    1);
        }
    }

    @Override
    public String name() {
        return "classpath-test";
    }

    @Override
    public String apiVersion() {
        return BabyLabApi.VERSION;
    }

    @Override
    public List<EvaluatorFactory<?>> evaluators() {
        return List.of(new VocabSizeFactory());
    }
}
