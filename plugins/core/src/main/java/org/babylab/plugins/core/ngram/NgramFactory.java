package org.babylab.plugins.core.ngram;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.step.LoadContext;
import org.babylab.api.step.StepContext;

/**
 * {@code type: ngram}: counts a word n-gram model with interpolated modified Kneser-Ney smoothing from
 * a dataset. Training is the model's {@code create} step. Stateless and thread-safe.
 */
public final class NgramFactory implements ModelFactory<NgramConfig> {

    @Override
    public String type() {
        return "ngram";
    }

    @Override
    public Class<NgramConfig> configType() {
        return NgramConfig.class;
    }

    /** Counting is deterministic: every seed of a seed sweep shares one n-gram model. */
    @Override
    public boolean usesSeed() {
        return false;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Word n-gram language model, interpolated modified Kneser-Ney (a classic BabyLM baseline).";
    }

    @Override
    public LanguageModel create(NgramConfig config, StepContext context) {
        long start = System.nanoTime();
        NgramModel model;
        try (Stream<String> texts = context.inputs().dataset(config.trainOn()).texts()) {
            model = NgramModel.train(
                    texts,
                    config.order(),
                    config.minCount(),
                    config.lowercase(),
                    context.progress(),
                    context::cancelled);
        }
        context.log(String.format(
                "trained %s on '%s' in %.1f s; discounts per order: %s",
                model, config.trainOn(), (System.nanoTime() - start) / 1e9, discountsText(model)));
        return model;
    }

    /** The saved files describe the model completely (order, vocabulary, counts), so {@code config} is not consulted. */
    @Override
    public LanguageModel load(NgramConfig config, Path dir, LoadContext context) throws java.io.IOException {
        return NgramModel.load(dir);
    }

    private static String discountsText(NgramModel model) {
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= model.order(); n++) {
            Discounts d = model.discounts(n);
            text.append(String.format(" %d:(%.3f, %.3f, %.3f)", n, d.d1(), d.d2(), d.d3()));
        }
        return text.toString().strip();
    }
}
