package org.babylab.plugins.eval.glue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.api.step.ResourceRequest;

/** The {@code glue} evaluator: (Super)GLUE fine-tuning with the BabyLM 2025 pipeline's defaults. Stateless. */
public final class GlueFactory implements EvaluatorFactory<GlueConfig> {
    @Override
    public String type() {
        return "glue";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public Class<GlueConfig> configType() {
        return GlueConfig.class;
    }

    /**
     * Every task counts towards {@code glue}, the BabyLM 2025 (Super)GLUE score: the mean of the seven
     * tasks' primary metrics (F1 for mrpc and qqp, accuracy for the others), as the CLASS-IT papers report it.
     */
    @Override
    public java.util.Optional<org.babylab.api.eval.BenchmarkTask> benchmark(GlueConfig config) {
        return java.util.Optional.of(new org.babylab.api.eval.BenchmarkTask(
                "glue",
                config.task(),
                java.util.Arrays.stream(GlueTask.values()).map(GlueTask::id).toList()));
    }

    /** Fine-tuning is seeded by the config's own {@code seed} (default 42, as the pipeline), not the trial's. */
    @Override
    public boolean usesSeed() {
        return false;
    }

    @Override
    public String description() {
        return "(Super)GLUE fine-tuning: classifier head on the pooled last hidden state, whole model trained, best epoch on validation; accuracy, F1, MCC";
    }

    @Override
    public ResourceRequest resources(GlueConfig c) {
        return ResourceRequest.gpuPreferred(Math.max(1, Runtime.getRuntime().availableProcessors()), 0);
    }

    /** Missing train or validation files are reported at plan time, naming the file. */
    @Override
    public List<Path> inputFiles(GlueConfig c, Path baseDir) throws IOException {
        return GlueData.files(c, baseDir);
    }

    @Override
    public void check(GlueConfig c, ModelFactory<?> family) {
        if (!family.classifies()) {
            throw new IllegalArgumentException(
                    "glue fine-tunes the model as a classifier, which needs its final hidden states; models of type "
                            + family.type() + " cannot be trained as a classifier (use llama or hf-llama)");
        }
    }

    @Override
    public Evaluator create(GlueConfig c, ComponentContext ctx) {
        return new GlueEvaluator(c, ctx.baseDir());
    }
}
