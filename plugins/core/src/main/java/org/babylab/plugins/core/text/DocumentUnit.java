package org.babylab.plugins.core.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one document of a plain-text file is. Written in YAML in lower case ({@code unit: paragraph}).
 * JSON files ignore it: there every record is one document.
 */
public enum DocumentUnit {
    /** Every non-blank line, stripped of surrounding white space (BabyLM {@code .train} files: one utterance per line). */
    LINE,
    /** Every run of non-blank lines separated by blank lines, its lines joined with {@code \n}. */
    PARAGRAPH,
    /** The whole file, lines joined with {@code \n} and stripped; a blank file yields no document. */
    FILE;

    /** The YAML spelling, e.g. {@code "line"}. */
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
    public static DocumentUnit parse(String text) {
        for (DocumentUnit u : values()) {
            if (u.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return u;
            }
        }
        throw new IllegalArgumentException("unit '" + text + "' is not one of "
                + Arrays.stream(values()).map(DocumentUnit::id).collect(Collectors.joining(", ")));
    }
}
