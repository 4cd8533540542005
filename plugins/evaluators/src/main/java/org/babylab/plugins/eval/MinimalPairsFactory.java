package org.babylab.plugins.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.api.step.ResourceRequest;
import org.babylab.plugins.eval.tasks.MinimalPairsConfig;
import org.babylab.plugins.eval.tasks.MinimalPairsEvaluator;
import org.babylab.toolkit.data.JsonlSource;
import org.babylab.toolkit.data.PreparedData;

/**
 * Makes {@link MinimalPairsEvaluator}s under two type ids: {@code minimal-pairs} (any BLiMP-format
 * pairs, e.g. the quickstart's generated ones) and {@code blimp} (BLiMP and the BLiMP supplement of
 * the BabyLM 2025 data). They share one implementation on purpose: the supplement's rules (UID from
 * the file name, sentences with newlines) are harmless for plain BLiMP. The runtime creates one
 * evaluator per model; they share the pairs this factory read for the first (see {@link PreparedData}).
 * Thread-safe.
 */
public final class MinimalPairsFactory implements EvaluatorFactory<MinimalPairsConfig> {
    private final String type;
    private final String description;
    private final PreparedData<MinimalPairsEvaluator.Pairs> pairs = new PreparedData<>();

    private MinimalPairsFactory(String type, String description) {
        this.type = type;
        this.description = description;
    }

    /** The {@code minimal-pairs} type. */
    public static MinimalPairsFactory minimalPairs() {
        return new MinimalPairsFactory(
                "minimal-pairs",
                "Minimal pairs in BLiMP's JSONL format: accuracy per UID and its macro mean, ties counted and never won by default");
    }

    /** The {@code blimp} type. */
    public static MinimalPairsFactory blimp() {
        return new MinimalPairsFactory(
                "blimp",
                "BLiMP and the BLiMP supplement (BabyLM 2025): whole-sentence log-probs, accuracy per UID, mean over UIDs");
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String version() {
        return Factories.VERSION;
    }
    /** Scoring is deterministic: an unseeded model's evaluation is shared by every seed of a seed sweep. */
    @Override
    public boolean usesSeed() {
        return false;
    }

    @Override
    public Class<MinimalPairsConfig> configType() {
        return MinimalPairsConfig.class;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ResourceRequest resources(MinimalPairsConfig config) {
        return Factories.RESOURCES;
    }

    @Override
    public List<Path> inputFiles(MinimalPairsConfig config, Path baseDir) throws IOException {
        return JsonlSource.files(config.path(), baseDir);
    }

    @Override
    public Evaluator create(MinimalPairsConfig config, ComponentContext context) {
        return new MinimalPairsEvaluator(type, config, context.baseDir(), pairs);
    }
}
