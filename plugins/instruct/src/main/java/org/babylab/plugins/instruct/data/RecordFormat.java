package org.babylab.plugins.instruct.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What kind of records an {@code instructions} dataset holds. */
public enum RecordFormat {
    /** Decided per file from its first record: {@code messages} means chat, {@code chosen}+{@code rejected} preference, else instructions. */
    AUTO("auto"),
    /** {@code {prompt, reply, source?, text?}}. */
    INSTRUCTIONS("instructions"),
    /** {@code {messages: [{role, content}]}}. */
    CHAT("chat"),
    /** {@code {prompt, chosen, rejected}}. */
    PREFERENCE("preference");

    private final String id;

    RecordFormat(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static RecordFormat of(String id) {
        for (RecordFormat f : values()) {
            if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("format '" + id + "' is not one of "
                + Arrays.stream(values()).map(RecordFormat::id).toList());
    }
}
