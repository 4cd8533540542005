package org.babylab.toolkit.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.babylab.api.chat.ChatMessage;

/**
 * Turns the normalised records of an instruction dataset into conversations: an instruction record
 * {@code {prompt, reply}} becomes a user turn and an assistant turn; a chat record
 * {@code {messages: [{role, content}]}} becomes its turns. Stateless and thread-safe.
 */
public final class ChatExamples {
    private ChatExamples() {}

    /**
     * The conversation of one record.
     *
     * @throws IllegalArgumentException if the record is neither form, naming the keys it has
     */
    public static List<ChatMessage> messages(Map<String, Object> record) {
        Object messages = record.get("messages");
        if (messages instanceof List<?> list) {
            List<ChatMessage> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m)
                        || !(m.get("role") instanceof String role)
                        || !(m.get("content") instanceof String content)) {
                    throw new IllegalArgumentException("a chat message must be {role, content} strings, got " + o);
                }
                out.add(new ChatMessage(role, content));
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("a chat record has no messages");
            }
            return out;
        }
        if (record.get("prompt") instanceof String prompt && record.get("reply") instanceof String reply) {
            return List.of(ChatMessage.user(prompt), ChatMessage.assistant(reply));
        }
        throw new IllegalArgumentException(
                "a record needs 'prompt' and 'reply' strings or a 'messages' list to be a conversation; it has "
                        + record.keySet());
    }
}
