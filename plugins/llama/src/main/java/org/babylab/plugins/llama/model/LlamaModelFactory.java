package org.babylab.plugins.llama.model;

import java.nio.file.Path;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.step.LoadContext;
import org.babylab.api.step.ResourceRequest;
import org.babylab.api.step.StepContext;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.plugins.llama.train.GradientStep;

/** The {@code llama} model type: a randomly initialised LLaMA decoder. Stateless, thread-safe. */
public final class LlamaModelFactory implements ModelFactory<LlamaModelConfig> {

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
        return "llama";
    }

    @Override
    public Class<LlamaModelConfig> configType() {
        return LlamaModelConfig.class;
    }

    @Override
    public String description() {
        return "LLaMA decoder (RMSNorm, RoPE, SwiGLU, untied embeddings) initialised from a preset";
    }

    @Override
    public ResourceRequest resources(LlamaModelConfig config) {
        return resourcesFor(
                config.architecture(
                        LlamaPresets.fixesVocab(config.preset())
                                ? LlamaPresets.get(config.preset()).vocabSize()
                                : 32_000),
                8,
                512);
    }

    /**
     * Threads and an estimate of device memory for training {@code arch} at {@code batch x seqLen}:
     * weights, gradients and two AdamW moments (16 bytes per parameter) plus activations, with the
     * loss head's three arrays of logits (logits, log-probabilities, their gradient) bounded by the
     * chunk the {@code causal-lm} step computes them in ({@link GradientStep#LOSS_CHUNK_FLOATS}).
     */
    public static ResourceRequest resourcesFor(LlamaArchitecture arch, int batch, int seqLen) {
        return ResourceRequest.gpuPreferred(
                Math.max(1, Runtime.getRuntime().availableProcessors()), trainingBytes(arch, batch, seqLen));
    }

    /** The device memory estimate of {@link #resourcesFor}, in bytes. */
    static long trainingBytes(LlamaArchitecture arch, int batch, int seqLen) {
        long params = arch.parameterCount();
        long tokens = (long) batch * seqLen;
        long decoder = tokens * arch.layers() * (16L * arch.hiddenSize() + 4L * arch.heads() * seqLen) * 4;
        long lossHead = 3 * Math.min(tokens * arch.vocabSize(), GradientStep.LOSS_CHUNK_FLOATS) * 4;
        return 16 * params + decoder + lossHead;
    }

    @Override
    public LanguageModel create(LlamaModelConfig config, StepContext context) {
        Tokenizer t = context.inputs().tokenizer(config.tokenizer());
        if (!(t instanceof BpeTokenizer bpe)) {
            throw new IllegalArgumentException(
                    "model type llama needs a tokenizer that saves a Hugging Face tokenizer.json (type bpe); tokenizer '"
                            + config.tokenizer() + "' is a " + t.getClass().getSimpleName());
        }
        LlamaArchitecture arch = config.architecture(bpe.vocabSize());
        ai.djl.Device device = DjlDevices.forLease(context.device());
        String note = DjlDevices.fallbackNote(context.device(), device);
        if (!note.isEmpty()) {
            context.log(note);
        }
        context.log(String.format("llama: %s, %,d parameters on %s", arch, arch.parameterCount(), device));
        return LlamaModel.initialise(arch, bpe, context.seed(), device);
    }

    @Override
    public LanguageModel load(LlamaModelConfig config, Path dir, LoadContext context) throws java.io.IOException {
        LlamaModel model = LlamaModel.load(dir, DjlDevices.forLease(context.device()));
        // Scoring follows the step's live CPU share: an evaluation alone on the machine uses every core.
        model.followThreads(context::cpuThreadsNow);
        return model;
    }
}
