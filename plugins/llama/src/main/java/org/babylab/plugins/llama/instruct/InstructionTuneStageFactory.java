package org.babylab.plugins.llama.instruct;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.babylab.api.chat.ChatTemplate;
import org.babylab.api.chat.TokenizedExample;
import org.babylab.api.curriculum.OrderManifest;
import org.babylab.api.curriculum.OrderedRecords;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.api.step.PhaseContext;
import org.babylab.api.step.ResourceRequest;
import org.babylab.api.step.StepContext;
import org.babylab.plugins.llama.model.DjlDevices;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.train.OptimizerConfig;
import org.babylab.plugins.llama.train.TrainingLoop;
import org.babylab.toolkit.chat.ChatExamples;
import org.babylab.toolkit.chat.RoleTokensTemplate;
import org.babylab.toolkit.chat.SegmentEncoder;

/**
 * The {@code instruction-tune} stage type: trains one curriculum phase of a LLaMA model on chat
 * examples, in the phase's manifest order, with the loss on reply tokens only. It reads the phase
 * from {@link StepContext#phase()} and never its curriculum's name, since a phase step is shared
 * by curricula whose phases agree. Stateless, thread-safe.
 */
public final class InstructionTuneStageFactory implements TrainingStageFactory<InstructionTuneConfig> {

    @Override
    public String type() {
        return "instruction-tune";
    }

    @Override
    public Class<InstructionTuneConfig> configType() {
        return InstructionTuneConfig.class;
    }

    @Override
    public String description() {
        return "Instruction tuning along a curriculum: reply-only loss, packed examples kept apart, exact resume";
    }

    /** Refuses, before anything runs, a {@code seq_len} longer than the model accepts. */
    @Override
    public void check(InstructionTuneConfig config, org.babylab.api.step.PlanInputs inputs) {
        org.babylab.plugins.llama.model.LlamaModelConfig.checkSeqLen(inputs, config.from(), config.seqLen());
    }

    @Override
    public ResourceRequest resources(InstructionTuneConfig config) {
        return ResourceRequest.gpuPreferred(Math.max(1, Runtime.getRuntime().availableProcessors()), 0);
    }

    @Override
    public LanguageModel create(InstructionTuneConfig config, StepContext context) throws Exception {
        PhaseContext phase = context.phase()
                .orElseThrow(
                        () -> new IllegalStateException(
                                "step " + context.stepName()
                                        + " of stage instruction-tune has no curriculum phase; the runtime plans one step per phase of the stage's curriculum"));
        LanguageModel input = context.inputs().model(config.from());
        if (!(input instanceof LlamaModel model)) {
            throw new IllegalArgumentException("stage instruction-tune trains llama or hf-llama models; '"
                    + config.from() + "' is a " + input.getClass().getSimpleName());
        }
        DjlDevices.forLease(context.device());
        if (config.seqLen() > model.maxSequenceLength()) {
            throw new IllegalArgumentException(
                    "seq_len " + config.seqLen() + " exceeds the max_length " + model.maxSequenceLength()
                            + " of model '" + config.from() + "'; lower seq_len or raise the model's max_length");
        }
        ChatTemplate template = config.chatTemplate() == null
                ? new RoleTokensTemplate()
                : context.inputs().chatTemplate(config.chatTemplate());
        requireSpecialTokens(template, model.tokenizer(), config.from());
        String stage = "instruction-tune " + phase.label();
        OrderManifest order = phase.order();
        List<List<TokenizedExample>> epochs =
                encode(order, OrderedRecords.of(order, context.inputs()::dataset), template, model, context);
        int truncated = 0;
        long replyTokens = 0;
        for (List<TokenizedExample> epoch : epochs) {
            for (TokenizedExample e : epoch) {
                truncated += e.length() > config.seqLen() ? 1 : 0;
                replyTokens += e.truncate(config.seqLen()).trainableTokens();
            }
        }
        Tokenizer tok = model.tokenizer();
        int padId = tok.padId().orElse(tok.eosId().orElse(0));
        OptimizerConfig opt = config.optimizer().toOptimizerConfig();
        PhaseBatches batches = PhaseBatches.plan(epochs, config.seqLen(), padId, opt.batchSize(), opt.gradAccum());
        context.log(String.format(
                "%s: %,d examples over %d epoch(s) packed into %,d sequences of %d tokens (%,d reply tokens, %d cut to seq_len), %d steps",
                stage,
                order.size(),
                order.epochs(),
                batches.sequences(),
                config.seqLen(),
                replyTokens,
                truncated,
                batches.steps()));
        InstructionTrainer trainer = new InstructionTrainer(
                model,
                opt,
                batches,
                config.checkpointEvery(),
                stage,
                context.seed(),
                context.checkpointDir(),
                context.progress(),
                context::log,
                context::cancelled,
                (s, l) -> {});
        TrainingLoop.Outcome r = trainer.run();
        trainer.metrics()
                .publish(context.outputDir().resolve(org.babylab.plugins.llama.train.CausalLmTrainer.METRICS_FILE));
        context.log(String.format("%s: finished %d steps, last loss %.4f", stage, r.steps(), r.lastLoss()));
        return model;
    }

    /**
     * Fails, naming the first missing token, when {@code tokenizer} lacks one of the template's
     * special tokens (they would otherwise be split into ordinary pieces and the markers lost).
     */
    static void requireSpecialTokens(ChatTemplate template, Tokenizer tokenizer, String model) {
        for (String token : template.specialTokens()) {
            if (tokenizer.tokenId(token).isEmpty()) {
                throw new IllegalArgumentException(
                        "the tokenizer of model '" + model + "' has no special token '" + token
                                + "' that the chat template needs; train the model's tokenizer with type: bpe, which adds "
                                + template.specialTokens() + ", and pretrain the model with it");
            }
        }
    }

    /** Each epoch's examples, tokenized once per distinct record; errors name the dataset and the record. */
    private static List<List<TokenizedExample>> encode(
            OrderManifest order, OrderedRecords records, ChatTemplate template, LlamaModel model, StepContext context) {
        context.progress().start("tokenize", "examples", order.size());
        Map<String, TokenizedExample> byRecord = new HashMap<>();
        int[] ends = order.epochEnds();
        List<List<TokenizedExample>> epochs = new ArrayList<>(ends.length);
        int position = 0;
        for (int end : ends) {
            List<TokenizedExample> epoch = new ArrayList<>(end - position);
            for (; position < end; position++) {
                int at = position;
                String key = order.dataset(at) + ":" + order.index(at);
                epoch.add(byRecord.computeIfAbsent(key, k -> {
                    try {
                        return SegmentEncoder.encode(
                                ChatExamples.messages(records.get(at)), template, model.tokenizer());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "dataset '" + order.dataset(at) + "' record " + order.index(at) + ": " + e.getMessage(),
                                e);
                    }
                }));
                context.progress().advance(1);
            }
            epochs.add(epoch);
        }
        return epochs;
    }
}
