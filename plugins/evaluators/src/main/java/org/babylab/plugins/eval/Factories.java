package org.babylab.plugins.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.api.step.ResourceRequest;
import org.babylab.plugins.eval.tasks.DialoguePairsEvaluator;
import org.babylab.plugins.eval.tasks.EntityTrackingEvaluator;
import org.babylab.plugins.eval.tasks.EwokEvaluator;
import org.babylab.plugins.eval.tasks.MinimalPairsConfig;
import org.babylab.plugins.eval.tasks.PathConfig;
import org.babylab.plugins.eval.tasks.ReadingTimesEvaluator;
import org.babylab.plugins.eval.tasks.WugAdjectivesEvaluator;
import org.babylab.plugins.eval.tasks.ZippedTaskConfig;
import org.babylab.toolkit.data.JsonlSource;

/** The evaluator factories of this plugin other than {@link MinimalPairsFactory}. All stateless. */
final class Factories {
    /** One GPU when the machine has one (a neural model scores far faster there), else one CPU thread. */
    static final ResourceRequest RESOURCES = ResourceRequest.gpuPreferred(1, 0);

    /**
     * The version of every evaluator here. 2: scoring rules ({@code rules}, {@code bos}), the scored
     * text in predictions, BLiMP field merge and term groups, EWoK breakdowns, WUG fp32 metrics.
     */
    static final String VERSION = "2";

    private Factories() {}

    /** A single data file named by {@code path}; it must exist. */
    static List<Path> singleFile(String path, Path baseDir) throws IOException {
        Path p = baseDir.resolve(path).normalize();
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString(), null, "no such data file (path: " + path + ")");
        }
        return List.of(p);
    }

    /** {@code ewok}. */
    static final class Ewok implements EvaluatorFactory<ZippedTaskConfig> {
        @Override
        public String type() {
            return "ewok";
        }

        @Override
        public String version() {
            return VERSION;
        }

        @Override
        public Class<ZippedTaskConfig> configType() {
            return ZippedTaskConfig.class;
        }

        @Override
        public String description() {
            return "EWoK world knowledge: log P(' ' + Target | Context1), Target1 against Target2; accuracy per domain and its mean";
        }

        @Override
        public ResourceRequest resources(ZippedTaskConfig c) {
            return RESOURCES;
        }

        @Override
        public List<Path> inputFiles(ZippedTaskConfig c, Path baseDir) throws IOException {
            return JsonlSource.files(c.path(), baseDir);
        }

        @Override
        public Evaluator create(ZippedTaskConfig c, ComponentContext ctx) {
            return new EwokEvaluator(c, ctx.baseDir());
        }
    }

    /** {@code entity-tracking}. */
    static final class EntityTracking implements EvaluatorFactory<ZippedTaskConfig> {
        @Override
        public String type() {
            return "entity-tracking";
        }

        @Override
        public String version() {
            return VERSION;
        }

        @Override
        public Class<ZippedTaskConfig> configType() {
            return ZippedTaskConfig.class;
        }

        @Override
        public String description() {
            return "Entity tracking: log P(option | prefix), option 0 gold; accuracy per numops, averaged within each file, then across files";
        }

        @Override
        public ResourceRequest resources(ZippedTaskConfig c) {
            return RESOURCES;
        }

        @Override
        public List<Path> inputFiles(ZippedTaskConfig c, Path baseDir) throws IOException {
            return JsonlSource.files(c.path(), baseDir);
        }

        @Override
        public Evaluator create(ZippedTaskConfig c, ComponentContext ctx) {
            return new EntityTrackingEvaluator(c, ctx.baseDir());
        }
    }

    /** {@code wug-adjectives}. */
    static final class WugAdjectives implements EvaluatorFactory<PathConfig> {
        @Override
        public String type() {
            return "wug-adjectives";
        }

        @Override
        public String version() {
            return VERSION;
        }

        @Override
        public Class<PathConfig> configType() {
            return PathConfig.class;
        }

        @Override
        public String description() {
            return "WUG adjective nominalisation: Spearman rho x100 between the model's -ity preference and the human ratio";
        }

        @Override
        public ResourceRequest resources(PathConfig c) {
            return RESOURCES;
        }

        @Override
        public List<Path> inputFiles(PathConfig c, Path baseDir) throws IOException {
            return singleFile(c.path(), baseDir);
        }

        @Override
        public Evaluator create(PathConfig c, ComponentContext ctx) {
            return new WugAdjectivesEvaluator(c, ctx.baseDir());
        }
    }

    /** {@code reading-times}. */
    static final class ReadingTimes implements EvaluatorFactory<PathConfig> {
        @Override
        public String type() {
            return "reading-times";
        }

        @Override
        public String version() {
            return VERSION;
        }

        @Override
        public Class<PathConfig> configType() {
            return PathConfig.class;
        }

        @Override
        public String description() {
            return "Reading times: variance in eye-tracking and self-paced reading times explained by surprisal beyond a baseline OLS";
        }

        @Override
        public ResourceRequest resources(PathConfig c) {
            return RESOURCES;
        }

        @Override
        public List<Path> inputFiles(PathConfig c, Path baseDir) throws IOException {
            return singleFile(c.path(), baseDir);
        }

        @Override
        public Evaluator create(PathConfig c, ComponentContext ctx) {
            return new ReadingTimesEvaluator(c, ctx.baseDir());
        }
    }

    /** {@code dialogue-pairs}. */
    static final class DialoguePairs implements EvaluatorFactory<MinimalPairsConfig> {
        @Override
        public String type() {
            return "dialogue-pairs";
        }

        @Override
        public String version() {
            return VERSION;
        }

        @Override
        public Class<MinimalPairsConfig> configType() {
            return MinimalPairsConfig.class;
        }

        @Override
        public String description() {
            return "Dialogue pairs: the chosen reply must score higher than the rejected one after the prompt";
        }

        @Override
        public ResourceRequest resources(MinimalPairsConfig c) {
            return RESOURCES;
        }

        @Override
        public List<Path> inputFiles(MinimalPairsConfig c, Path baseDir) throws IOException {
            return JsonlSource.files(c.path(), baseDir);
        }

        @Override
        public Evaluator create(MinimalPairsConfig c, ComponentContext ctx) {
            return new DialoguePairsEvaluator(c, ctx.baseDir());
        }
    }
}
