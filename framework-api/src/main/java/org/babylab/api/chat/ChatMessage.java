package org.babylab.api.chat;

import java.util.List;

/**
 * One turn of a conversation.
 *
 * @param role one of {@link #ROLES}: {@code system}, {@code user} or {@code assistant}
 * @param content the turn's text, never null (may be empty)
 */
public record ChatMessage(String role, String content) {
    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    /** The roles a message may have. */
    public static final List<String> ROLES = List.of(SYSTEM, USER, ASSISTANT);

    public ChatMessage {
        if (role == null || !ROLES.contains(role)) {
            throw new IllegalArgumentException("message role must be one of " + ROLES + ", got '" + role + "'");
        }
        if (content == null) {
            throw new IllegalArgumentException("a " + role + " message needs content (it may be empty, not null)");
        }
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(ASSISTANT, content);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(SYSTEM, content);
    }
}
