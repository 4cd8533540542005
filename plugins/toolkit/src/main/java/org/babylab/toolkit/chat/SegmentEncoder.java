package org.babylab.toolkit.chat;

import java.util.List;
import java.util.OptionalInt;
import org.babylab.api.chat.ChatMessage;
import org.babylab.api.chat.ChatTemplate;
import org.babylab.api.chat.Segment;
import org.babylab.api.chat.TokenizedExample;
import org.babylab.api.model.Encoding;
import org.babylab.api.model.Tokenizer;

/**
 * Encodes rendered segments with a tokenizer into ids and a loss mask: ordinary segments through
 * {@link Tokenizer#encode}, special segments as one id each through {@link Tokenizer#tokenId}. Each
 * segment is encoded on its own, so a token never spans a trainable and a non-trainable segment and
 * the mask is exact. Stateless and thread-safe.
 */
public final class SegmentEncoder {
    private SegmentEncoder() {}

    /**
     * Encodes {@code segments}; when {@code addBos} and the tokenizer has a BOS token, it is put first
     * as context.
     *
     * @throws IllegalArgumentException if a special segment is not a token of {@code tokenizer} (the
     *     message names it and says the tokenizer must add the template's special tokens), or if
     *     nothing is left to encode
     */
    public static TokenizedExample encode(List<Segment> segments, Tokenizer tokenizer, boolean addBos) {
        IntArray ids = new IntArray();
        BoolArray mask = new BoolArray();
        OptionalInt bos = tokenizer.bosId();
        if (addBos && bos.isPresent()) {
            ids.add(bos.getAsInt());
            mask.add(false);
        }
        for (Segment s : segments) {
            if (s.special()) {
                OptionalInt id = tokenizer.tokenId(s.text());
                if (id.isEmpty()) {
                    throw new IllegalArgumentException("the tokenizer has no token '" + s.text()
                            + "': train it with the chat template's special tokens (the bpe tokenizer adds "
                            + String.join(", ", RoleTokensTemplate.SPECIAL_TOKENS) + ")");
                }
                ids.add(id.getAsInt());
                mask.add(s.trainable());
            } else if (!s.text().isEmpty()) {
                Encoding e = tokenizer.encode(s.text());
                for (int id : e.ids()) {
                    ids.add(id);
                    mask.add(s.trainable());
                }
            }
        }
        if (ids.size == 0) {
            throw new IllegalArgumentException("the segments encode to no token at all");
        }
        return new TokenizedExample(ids.toArray(), mask.toArray());
    }

    /** Renders {@code messages} with {@code template} and encodes them, BOS first when the tokenizer has one. */
    public static TokenizedExample encode(List<ChatMessage> messages, ChatTemplate template, Tokenizer tokenizer) {
        return encode(template.render(messages), tokenizer, true);
    }

    private static final class IntArray {
        int[] a = new int[64];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }

    private static final class BoolArray {
        boolean[] a = new boolean[64];
        int size;

        void add(boolean v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        boolean[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }
}
