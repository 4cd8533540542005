package org.babylab.plugins.core.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the files of a {@code text} dataset are parsed. Written in YAML in lower case
 * ({@code format: jsonl}).
 */
public enum TextFormat {
    /** Decide per file by extension: {@code .jsonl} and {@code .json} are {@link #JSONL}, anything else {@link #TEXT}. */
    AUTO,
    /** Plain UTF-8 text, split into documents by the dataset's {@link DocumentUnit}. */
    TEXT,
    /**
     * One JSON object per line. A {@code .json} file whose first non-blank character is {@code [} is
     * read as one JSON array of objects instead, which is how many Hugging Face exports ship.
     */
    JSONL;

    /** The YAML spelling, e.g. {@code "jsonl"}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the YAML spelling, ignoring case.
     *
     * @throws IllegalArgumentException naming the bad value and the valid ones
     */
    @JsonCreator
    public static TextFormat parse(String text) {
        for (TextFormat f : values()) {
            if (f.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("format '" + text + "' is not one of "
                + Arrays.stream(values()).map(TextFormat::id).collect(Collectors.joining(", ")));
    }

    /** The concrete format of {@code file}: this format, or for {@link #AUTO} the one its extension implies. */
    public TextFormat resolveFor(Path file) {
        if (this != AUTO) {
            return this;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".json") ? JSONL : TEXT;
    }
}
