package org.babylab.api;

/**
 * The kinds of component an experiment declares. Each kind has its own YAML section and its own
 * factory interface in {@link org.babylab.api.spi}.
 */
public enum ComponentKind {
    /** {@code datasets:} text or record sources. */
    DATASET("datasets", "dataset"),
    /** {@code tokenizers:} trained or loaded tokenizers. */
    TOKENIZER("tokenizers", "tokenizer"),
    /** {@code models:} language models, initialised or trained from data. */
    MODEL("models", "model"),
    /** {@code curricula:} schedules over instruction datasets. */
    CURRICULUM("curricula", "curriculum"),
    /** {@code chat_templates:} how a conversation is rendered into trainable and context text. */
    CHAT_TEMPLATE("chat_templates", "chat-template"),
    /** {@code rewards:} reward functions that score generated responses (used by reinforcement-learning stages). */
    REWARD("rewards", "reward"),
    /** {@code stages:} training stages that turn one model into another. */
    STAGE("stages", "stage"),
    /** {@code evaluate.with:} evaluators scoring models. */
    EVALUATOR("evaluators", "evaluator");

    private final String section;
    private final String singular;

    ComponentKind(String section, String singular) {
        this.section = section;
        this.singular = singular;
    }

    /** The YAML section that declares components of this kind, e.g. {@code datasets}. */
    public String section() {
        return section;
    }

    /** A human word for one component of this kind, e.g. {@code dataset}. */
    public String singular() {
        return singular;
    }
}
