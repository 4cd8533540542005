package org.babylab.toolkit.chat;

import java.util.ArrayList;
import java.util.List;
import org.babylab.api.chat.ChatMessage;
import org.babylab.api.chat.ChatTemplate;
import org.babylab.api.chat.Segment;

/**
 * The default chat template: every turn is its role token, its content and {@code <|end|>}:
 * <pre>{@code <|user|>How are you?<|end|><|assistant|>Fine.<|end|>}</pre>
 * Only assistant content and the {@code <|end|>} that closes it are trainable, so the model learns
 * to answer and to stop, never to predict the prompt. The four special tokens are exactly those the
 * {@code bpe} tokenizer adds: its list of special tokens takes them from here, so the two cannot
 * drift apart. Immutable and thread-safe.
 *
 * @param trainAllAssistantTurns true to train on every assistant turn of a multi-turn conversation;
 *     false to train only on the last one (earlier turns become context)
 */
public record RoleTokensTemplate(boolean trainAllAssistantTurns) implements ChatTemplate {
    public static final String SYSTEM_TOKEN = "<|system|>";
    public static final String USER_TOKEN = "<|user|>";
    public static final String ASSISTANT_TOKEN = "<|assistant|>";
    public static final String END_TOKEN = "<|end|>";
    /** The template's special tokens, in the order a tokenizer should add them. */
    public static final List<String> SPECIAL_TOKENS = List.of(SYSTEM_TOKEN, USER_TOKEN, ASSISTANT_TOKEN, END_TOKEN);

    /** The default: every assistant turn is trained. */
    public RoleTokensTemplate() {
        this(true);
    }

    @Override
    public List<Segment> render(List<ChatMessage> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("cannot render an empty conversation");
        }
        int lastAssistant = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).role().equals(ChatMessage.ASSISTANT)) {
                lastAssistant = i;
            }
        }
        List<Segment> out = new ArrayList<>(messages.size() * 3);
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            boolean trained = m.role().equals(ChatMessage.ASSISTANT) && (trainAllAssistantTurns || i == lastAssistant);
            // The role marker is context even for replies: it is given at inference time.
            out.add(Segment.token(roleToken(m.role()), false));
            if (!m.content().isEmpty()) {
                out.add(new Segment(m.content(), trained, false));
            }
            out.add(Segment.token(END_TOKEN, trained));
        }
        return List.copyOf(out);
    }

    @Override
    public List<String> specialTokens() {
        return SPECIAL_TOKENS;
    }

    private static String roleToken(String role) {
        return switch (role) {
            case ChatMessage.SYSTEM -> SYSTEM_TOKEN;
            case ChatMessage.USER -> USER_TOKEN;
            default -> ASSISTANT_TOKEN;
        };
    }
}
