package org.babylab.plugins.llama.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.step.LoadContext;
import org.babylab.api.step.ResourceRequest;
import org.babylab.api.step.StepContext;
import org.babylab.plugins.llama.hf.HfLlamaConfig;
import org.babylab.plugins.llama.hf.HfWeights;

/** The {@code hf-llama} model type: imports a local Hugging Face LLaMA checkpoint. Stateless, thread-safe. */
public final class HfLlamaModelFactory implements ModelFactory<HfLlamaModelConfig> {

    /** LLaMA models fine-tune as classifiers ({@link LlamaModel#classifier}). */
    @Override
    public boolean classifies() {
        return true;
    }

    /** LLaMA models generate text ({@link LlamaModel#generate}). */
    @Override
    public boolean generates() {
        return true;
    }

    @Override
    public String type() {
        return "hf-llama";
    }

    /** 2: transformers v5 configs, llama3/linear rope scaling and tied heads are read as transformers reads them. */
    @Override
    public String version() {
        return "2";
    }

    @Override
    public Class<HfLlamaModelConfig> configType() {
        return HfLlamaModelConfig.class;
    }

    /** Loading weights draws nothing at random. */
    @Override
    public boolean usesSeed() {
        return false;
    }

    @Override
    public String description() {
        return "Imports a local Hugging Face LlamaForCausalLM directory";
    }

    @Override
    public List<Path> inputFiles(HfLlamaModelConfig config, Path baseDir) throws IOException {
        Path dir = baseDir.resolve(config.path()).normalize();
        List<Path> files = new java.util.ArrayList<>();
        files.add(dir.resolve(HfLlamaConfig.FILE_NAME));
        files.addAll(HfWeights.files(dir));
        files.add(dir.resolve("tokenizer.json"));
        return files;
    }

    @Override
    public ResourceRequest resources(HfLlamaModelConfig config) {
        return ResourceRequest.gpuPreferred(Math.max(1, Runtime.getRuntime().availableProcessors()), 0);
    }

    @Override
    public LanguageModel create(HfLlamaModelConfig config, StepContext context) throws IOException {
        Path dir = context.resolve(config.path());
        LlamaModel m = LlamaModel.load(dir, DjlDevices.forLease(context.device()));
        context.log(String.format(
                "hf-llama: imported %s (%,d parameters) from %s",
                m.architecture(), m.architecture().parameterCount(), dir));
        return m;
    }

    @Override
    public LanguageModel load(HfLlamaModelConfig config, Path dir, LoadContext context) throws IOException {
        LlamaModel model = LlamaModel.load(dir, DjlDevices.forLease(context.device()));
        // Scoring follows the step's live CPU share: an evaluation alone on the machine uses every core.
        model.followThreads(context::cpuThreadsNow);
        return model;
    }
}
