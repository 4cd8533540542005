package org.babylab.plugins.eval.glue;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.babylab.toolkit.data.JsonRecord;

/**
 * The seven BabyLM 2025 (Super)GLUE tasks: how the pipeline turns a record into its two texts, the
 * number of classes and the task's defaults (batch 16 for boolq and multirc, else 32; 30 epochs for
 * wsc, else 10; the best epoch chosen by F1 for mrpc and qqp, else by accuracy).
 */
public enum GlueTask {
    BOOLQ("boolq", 2, 16, 10, false),
    MNLI("mnli", 3, 32, 10, false),
    MRPC("mrpc", 2, 32, 10, true),
    MULTIRC("multirc", 2, 16, 10, false),
    QQP("qqp", 2, 32, 10, true),
    RTE("rte", 2, 32, 10, false),
    WSC("wsc", 2, 32, 30, false);

    private final String id;
    private final int classes;
    private final int batchSize;
    private final int epochs;
    private final boolean selectByF1;

    GlueTask(String id, int classes, int batchSize, int epochs, boolean selectByF1) {
        this.id = id;
        this.classes = classes;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.selectByF1 = selectByF1;
    }

    public String id() {
        return id;
    }

    public int classes() {
        return classes;
    }

    public int defaultBatchSize() {
        return batchSize;
    }

    public int defaultEpochs() {
        return epochs;
    }

    /** The validation metric that picks the best epoch: {@code f1} or {@code accuracy}. */
    public String selectionMetric() {
        return selectByF1 ? "f1" : "accuracy";
    }

    /** The first and second text of a record, as the pipeline maps the task's fields. */
    public String[] texts(JsonRecord r) {
        return switch (this) {
            case BOOLQ -> new String[] {r.text("question"), r.text("passage")};
            case MNLI -> new String[] {r.text("premise"), r.text("hypothesis")};
            case MRPC, RTE -> new String[] {r.text("sentence1"), r.text("sentence2")};
            case QQP -> new String[] {r.text("question1"), r.text("question2")};
            case MULTIRC ->
                new String[] {"Question: " + r.text("question") + " Answer: " + r.text("answer"), r.text("paragraph")};
            case WSC ->
                new String[] {
                    "Does \"" + r.text("span2_text") + "\" refer to \"" + r.text("span1_text") + "\" in this passage?",
                    r.text("text")
                };
        };
    }

    /** @throws IllegalArgumentException naming the valid tasks */
    public static GlueTask parse(String text) {
        for (GlueTask t : values()) {
            if (t.id.equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("task '" + text + "' is not one of "
                + Arrays.stream(values()).map(GlueTask::id).collect(Collectors.joining(", ")));
    }
}
