package org.babylab.runtime.embedding;

import java.util.List;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.spi.TokenizerFactory;
import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.runtime.exec.fixtures.AddCountsStageFactory;
import org.babylab.runtime.exec.fixtures.LinesDatasetFactory;
import org.babylab.runtime.exec.fixtures.MeanLogProbEvaluatorFactory;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.UnigramModelFactory;
import org.babylab.runtime.exec.fixtures.WordTokenizerFactory;

/** The executor tests' small real factories (lines, words, unigram, add-counts, mean-logprob) as one plugin to register. */
final class FixturePlugin implements Plugin {
    private final Recorder recorder;

    FixturePlugin(Recorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public String name() {
        return "fixtures";
    }

    @Override
    public String apiVersion() {
        return BabyLabApi.VERSION;
    }

    @Override
    public List<DatasetFactory<?>> datasets() {
        return List.of(new LinesDatasetFactory(recorder));
    }

    @Override
    public List<TokenizerFactory<?>> tokenizers() {
        return List.of(new WordTokenizerFactory(recorder));
    }

    @Override
    public List<ModelFactory<?>> models() {
        return List.of(new UnigramModelFactory(recorder, "1"));
    }

    @Override
    public List<TrainingStageFactory<?>> stages() {
        return List.of(new AddCountsStageFactory(recorder));
    }

    @Override
    public List<EvaluatorFactory<?>> evaluators() {
        return List.of(new MeanLogProbEvaluatorFactory(recorder));
    }
}
