package org.babylab.api.chat;

/**
 * A piece of rendered conversation.
 *
 * @param text the text; for a special segment, the special token's string form such as
 *     {@code <|user|>}, which must be a single token of the tokenizer
 * @param trainable true when the training loss covers this segment's tokens (reply text and the
 *     marker that ends a reply); false for context (role markers, prompts)
 * @param special true when {@code text} is one special token, looked up with
 *     {@link org.babylab.api.model.Tokenizer#tokenId} rather than encoded
 */
public record Segment(String text, boolean trainable, boolean special) {
    public Segment {
        if (text == null) {
            throw new IllegalArgumentException("segment text must not be null");
        }
        if (special && text.isEmpty()) {
            throw new IllegalArgumentException("a special segment needs the token's string form, e.g. <|user|>");
        }
    }

    /** Ordinary text the model only reads. */
    public static Segment context(String text) {
        return new Segment(text, false, false);
    }

    /** Ordinary text the loss covers. */
    public static Segment trained(String text) {
        return new Segment(text, true, false);
    }

    /** A special token, trainable or not. */
    public static Segment token(String token, boolean trainable) {
        return new Segment(token, trainable, true);
    }
}
