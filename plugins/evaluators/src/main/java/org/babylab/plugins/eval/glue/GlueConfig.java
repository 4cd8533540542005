package org.babylab.plugins.eval.glue;

import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;
import org.babylab.api.model.Pooling;

/**
 * Config of the {@code glue} fine-tuning evaluator; every default is the BabyLM 2025 pipeline's.
 *
 * @param task one of boolq, mnli, mrpc, multirc, qqp, rte, wsc
 * @param path the directory holding {@code <task>.train.jsonl} and {@code <task>.valid.jsonl}
 * @param epochs null: 10 (30 for wsc)
 * @param batchSize null: 32 (16 for boolq and multirc)
 * @param lr peak learning rate
 * @param weightDecay AdamW weight decay
 * @param warmupRatio share of all steps that warm up linearly
 * @param minLrRatio the cosine ends at this multiple of lr
 * @param maxLength tokens per example (BOS included) after truncation
 * @param seed seeds the head, dropout, shuffling and the training sample
 * @param pooling last (default), first (the pipeline's default) or mean
 * @param dropout dropout before the last linear layer
 * @param maxTrainExamples null: all; else a seeded random sample of that many training examples
 * @param maxValidExamples null: all; else the first that many validation examples (for quick studies)
 * @param packed true: length-grouped batches packed into rows without attention across examples;
 *     false: the pipeline's way, one right-padded example per row in shuffled order
 * @param keepWeights write the fine-tuned model of the best epoch's run (the last epoch's weights) into the step's output
 * @param bos prepend the tokenizer's BOS (when it has one); default true
 * @param pairEncoding how the two texts become one token sequence: {@code joined} (default) or
 *     {@code separate} (the pipeline's, see {@link PairEncoding})
 */
@Doc(
        "(Super)GLUE fine-tuning: trains the whole model with a classifier head on a task's training file, keeps the best epoch on validation.")
public record GlueConfig(
        @Required @Doc("Task: boolq, mnli, mrpc, multirc, qqp, rte or wsc")
        String task,

        @Required
        @Doc(
                "Directory holding <task>.train.jsonl and <task>.valid.jsonl, relative to the experiment file unless absolute")
        String path,

        @Doc("Epochs; default 10 (30 for wsc)") Integer epochs,

        @Doc("Examples per optimiser step; default 32 (16 for boolq and multirc)")
        Integer batchSize,

        @Doc("Peak learning rate; default 3e-5") Double lr,
        @Doc("AdamW weight decay; default 0.01") Double weightDecay,

        @Doc("Share of steps in linear warm-up; default 0.06")
        Double warmupRatio,

        @Doc("Cosine decays to this multiple of lr; default 0.1")
        Double minLrRatio,

        @Doc("Tokens per example after truncation; default 512")
        Integer maxLength,

        @Doc("Seed of head, dropout, shuffling and sampling; default 42")
        Long seed,

        @Doc("Pooled hidden state: last (default), first (the pipeline's default) or mean")
        String pooling,

        @Doc("Dropout before the output layer; default 0.1") Double dropout,

        @Doc("A seeded random sample of this many training examples; default all")
        Integer maxTrainExamples,

        @Doc("Only the first this many validation examples; default all")
        Integer maxValidExamples,

        @Doc("Length-grouped packed batches (default true); false: padded batches as the pipeline")
        Boolean packed,

        @Doc("Keep the fine-tuned weights in the step's output; default false")
        Boolean keepWeights,

        @Doc(
                "Prepend the tokenizer's BOS when it has one; default true (false: as the pipeline does with a tokenizer whose post-processor adds none, e.g. BabyLab's BPE)")
        Boolean bos,

        @Doc(
                "joined (default): one encoding of first + \" \" + second; separate: the two texts encoded apart and concatenated, as the pipeline's tokenizer(text_a, text_b) does for a byte-level BPE")
        String pairEncoding) {
    public GlueConfig {
        if (task == null) {
            throw new IllegalArgumentException("task: required; one of boolq, mnli, mrpc, multirc, qqp, rte, wsc");
        }
        GlueTask t = GlueTask.parse(task);
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path: required; give the glue_filtered directory");
        }
        epochs = positive("epochs", epochs == null ? t.defaultEpochs() : epochs);
        batchSize = positive("batch_size", batchSize == null ? t.defaultBatchSize() : batchSize);
        lr = lr == null ? 3e-5 : lr;
        if (!(lr > 0)) {
            throw new IllegalArgumentException("lr must be > 0, got " + lr);
        }
        weightDecay = weightDecay == null ? 0.01 : weightDecay;
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight_decay must be >= 0, got " + weightDecay);
        }
        warmupRatio = warmupRatio == null ? 0.06 : warmupRatio;
        minLrRatio = minLrRatio == null ? 0.1 : minLrRatio;
        if (!(warmupRatio >= 0 && warmupRatio <= 1) || !(minLrRatio >= 0 && minLrRatio <= 1)) {
            throw new IllegalArgumentException(
                    "warmup_ratio and min_lr_ratio must be in [0, 1], got " + warmupRatio + " and " + minLrRatio);
        }
        maxLength = positive("max_length", maxLength == null ? 512 : maxLength);
        seed = seed == null ? 42L : seed;
        pooling = Pooling.parse(pooling == null ? "last" : pooling).id();
        dropout = dropout == null ? 0.1 : dropout;
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (maxTrainExamples != null) {
            positive("max_train_examples", maxTrainExamples);
        }
        if (maxValidExamples != null) {
            positive("max_valid_examples", maxValidExamples);
        }
        packed = packed == null ? Boolean.TRUE : packed;
        keepWeights = keepWeights == null ? Boolean.FALSE : keepWeights;
        bos = bos == null ? Boolean.TRUE : bos;
        pairEncoding = PairEncoding.parse(pairEncoding == null ? "joined" : pairEncoding)
                .id();
    }

    /** How the two texts are encoded. */
    public PairEncoding pairEncodingRule() {
        return PairEncoding.parse(pairEncoding);
    }

    /** The valid {@code pair_encoding} values, an enum in the JSON schema. */
    public static java.util.List<String> pairEncodingValues() {
        return java.util.Arrays.stream(PairEncoding.values())
                .map(PairEncoding::id)
                .toList();
    }

    private static int positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
        return v;
    }

    /** The task. */
    public GlueTask glueTask() {
        return GlueTask.parse(task);
    }

    /** The valid {@code task} values, an enum in the JSON schema. */
    public static java.util.List<String> taskValues() {
        return java.util.Arrays.stream(GlueTask.values()).map(GlueTask::id).toList();
    }

    /** The valid {@code pooling} values, an enum in the JSON schema. */
    public static java.util.List<String> poolingValues() {
        return java.util.Arrays.stream(Pooling.values()).map(Pooling::id).toList();
    }
}
