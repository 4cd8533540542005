package org.example.lexdec;

import java.nio.file.Path;
import java.util.List;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.api.step.ResourceRequest;
import org.babylab.toolkit.choice.ChoiceItem;
import org.babylab.toolkit.data.PreparedData;

/** Makes the {@code lexical-decision} evaluator: {@code lexdec: {type: lexical-decision, path: data/items.tsv}}. */
public final class LexicalDecisionFactory implements EvaluatorFactory<LexicalDecisionFactory.Config> {
    /** The items, read once per file and shared by the evaluators of every model (BabyLab makes one per model). */
    private final PreparedData<List<ChoiceItem>> items = new PreparedData<>();

    @Doc("Word/nonword pairs: a model is right when it scores the real word higher.")
    public record Config(@Required @Doc("a TSV file: word<TAB>nonword per line, # for comments") String path,
                         @Doc("compare mean log-probability per token instead of the sum (default false)") Boolean perToken) {
        public Config {
            if (path != null && path.isBlank()) {
                throw new IllegalArgumentException("path must name a file, got an empty string");
            }
            perToken = perToken != null && perToken;
        }
    }

    @Override public String type() { return "lexical-decision"; }
    @Override public Class<Config> configType() { return Config.class; }
    @Override public String version() { return "1"; }  // bump when the same items and model would score differently
    @Override public String description() { return "word vs nonword log-probability (accuracy)"; }

    /** The items file: its content is part of the cache key, so editing it reruns the evaluation. */
    @Override
    public List<Path> inputFiles(Config config, Path baseDir) {
        return List.of(baseDir.resolve(config.path()));
    }

    /** It scores a language model, so it asks for a GPU when the machine has one, and runs on one CPU thread otherwise. */
    @Override
    public ResourceRequest resources(Config config) {
        return ResourceRequest.gpuPreferred(1, 0);
    }

    @Override
    public Evaluator create(Config config, ComponentContext context) throws Exception {
        Path file = context.resolve(config.path());
        return new LexicalDecisionEvaluator(items.get(file, List.of(file), () -> LexicalDecisionItems.read(file)), config.perToken());
    }
}
