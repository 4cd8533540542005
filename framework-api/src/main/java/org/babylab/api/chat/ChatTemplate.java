package org.babylab.api.chat;

import java.util.List;

/**
 * Renders a conversation into segments marked trainable or not, so that a training stage computes
 * the loss on reply tokens only. Implementations are immutable and thread-safe.
 */
public interface ChatTemplate {

    /**
     * The segments of {@code messages}, in order. Concatenated, their texts are the conversation as
     * the model reads it.
     *
     * @param messages a non-empty conversation
     * @throws IllegalArgumentException if the conversation is empty
     */
    List<Segment> render(List<ChatMessage> messages);

    /**
     * The special tokens {@link #render} emits, e.g. {@code <|user|>}; the tokenizer must know each
     * as one token ({@link org.babylab.api.model.Tokenizer#tokenId}). Never null.
     */
    List<String> specialTokens();
}
