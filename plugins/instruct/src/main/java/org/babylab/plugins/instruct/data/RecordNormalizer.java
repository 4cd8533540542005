package org.babylab.plugins.instruct.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.api.chat.ChatMessage;

/**
 * Turns raw records into the normalised shapes of one {@link RecordFormat}, with the config's field
 * names mapped to the standard ones:
 * <ul>
 *   <li>instructions: {@code {prompt, reply, source?, text?}}</li>
 *   <li>chat: {@code {messages: [{role, content}], source?}}</li>
 *   <li>preference: {@code {prompt, chosen, rejected, source?}}</li>
 * </ul>
 * A record that does not fit is an error naming where it was read and the fields it has.
 * Immutable and thread-safe.
 */
final class RecordNormalizer {
    private final InstructionsConfig config;

    RecordNormalizer(InstructionsConfig config) {
        this.config = config;
    }

    /** The format of a file whose first record is {@code first}, when the config says {@code auto}. */
    RecordFormat detect(RawRecord first) {
        if (config.format() != RecordFormat.AUTO) {
            return config.format();
        }
        Map<String, Object> f = first.fields();
        if (f.containsKey("messages")) {
            return RecordFormat.CHAT;
        }
        if (f.containsKey("chosen") && f.containsKey("rejected")) {
            return RecordFormat.PREFERENCE;
        }
        return RecordFormat.INSTRUCTIONS;
    }

    /** The record's source label, or null when it has none. */
    String source(RawRecord raw) {
        Object s = raw.fields().get(config.sourceField());
        return s == null ? null : s.toString();
    }

    /** True when the record passes the config's source filter. */
    boolean accepts(RawRecord raw) {
        if (config.source().isEmpty()) {
            return true;
        }
        String s = source(raw);
        if (s == null) {
            throw error(
                    raw,
                    "has no '" + config.sourceField() + "' field to filter on (source: " + config.source() + ")",
                    "set source_field to the field holding the source, or drop the source filter");
        }
        return config.source().contains(s);
    }

    Map<String, Object> normalize(RawRecord raw, RecordFormat format) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (format) {
            case INSTRUCTIONS -> {
                out.put("prompt", string(raw, config.promptField(), "an instruction record"));
                out.put("reply", string(raw, config.replyField(), "an instruction record"));
                putSource(raw, out);
                if (raw.fields().get("text") instanceof String text) {
                    out.put("text", text);
                }
            }
            case CHAT -> {
                out.put("messages", messages(raw));
                putSource(raw, out);
            }
            case PREFERENCE -> {
                out.put("prompt", string(raw, config.promptField(), "a preference record"));
                out.put("chosen", string(raw, "chosen", "a preference record"));
                out.put("rejected", string(raw, "rejected", "a preference record"));
                putSource(raw, out);
            }
            default -> throw new IllegalStateException("format auto must be resolved per file first");
        }
        return out;
    }

    /** A plain rendering of a normalised record, for tokenizer training and language-model views. */
    static String text(Map<String, Object> record) {
        if (record.get("text") instanceof String t) {
            return t;
        }
        if (record.get("messages") instanceof List<?> messages) {
            StringBuilder sb = new StringBuilder();
            for (Object m : messages) {
                sb.append(sb.length() == 0 ? "" : "\n").append(((Map<?, ?>) m).get("content"));
            }
            return sb.toString();
        }
        Object second = record.containsKey("reply") ? record.get("reply") : record.get("chosen");
        return record.get("prompt") + "\n" + second;
    }

    private void putSource(RawRecord raw, Map<String, Object> out) {
        String s = source(raw);
        if (s != null) {
            out.put("source", s);
        }
    }

    private String string(RawRecord raw, String field, String what) {
        Object v = raw.fields().get(field);
        if (v instanceof String s) {
            return s;
        }
        throw error(
                raw,
                v == null
                        ? "lacks the field '" + field + "' of " + what
                        : "has a non-string '" + field + "' (" + v.getClass().getSimpleName() + ")",
                "fields present: " + raw.fields().keySet() + "; rename with prompt_field/reply_field, or set format");
    }

    private List<Map<String, Object>> messages(RawRecord raw) {
        Object v = raw.fields().get("messages");
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw error(
                    raw,
                    "needs a non-empty 'messages' list of {role, content}",
                    "fields present: " + raw.fields().keySet());
        }
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object m = list.get(i);
            if (!(m instanceof Map<?, ?> map)
                    || !(map.get("role") instanceof String role)
                    || !(map.get("content") instanceof String content)) {
                throw error(
                        raw,
                        "messages[" + i + "] is not a {role, content} pair of strings: " + m,
                        "roles: " + ChatMessage.ROLES);
            }
            if (!ChatMessage.ROLES.contains(role)) {
                throw error(raw, "messages[" + i + "] has role '" + role + "'", "valid roles: " + ChatMessage.ROLES);
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            copy.put("role", role);
            copy.put("content", content);
            out.add(copy);
        }
        return out;
    }

    private static UncheckedIOException error(RawRecord raw, String what, String hint) {
        return new UncheckedIOException(new IOException(raw.where() + ": record " + what + " (" + hint + ")"));
    }
}
