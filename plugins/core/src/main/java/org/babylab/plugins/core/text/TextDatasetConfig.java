package org.babylab.plugins.core.text;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;

/**
 * Configuration of a {@code text} dataset.
 *
 * @param paths glob patterns relative to the YAML file's directory ({@code **} crosses directories and
 *     may match none); required, non-empty
 * @param format how files are parsed; default {@link TextFormat#AUTO}
 * @param textField the JSON field holding a record's text; default {@code "text"}
 * @param unit what one document of a plain-text file is; default {@link DocumentUnit#LINE}
 * @param lowercase whether texts are lower-cased (locale-independently); default false
 * @param maxExamples read at most this many documents, in file order; null for all (the same key as
 *     the instruction datasets' {@code max_examples}: one document is one example)
 */
@Doc("Documents read from local plain-text or JSON-lines files.")
public record TextDatasetConfig(
        // A single pattern may be written as a plain string: `paths: corpus/*.train`.
        @Required
        @Doc("Glob patterns of the files to read, relative to the YAML file; '**' crosses directories.")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> paths,

        @Doc("auto (by extension: .jsonl/.json are JSON lines, anything else plain text), text or jsonl.")
        TextFormat format,

        @Doc("The JSON field that holds a record's text (JSON files only).")
        String textField,

        @Doc(
                "What one document of a plain-text file is: line (each non-blank line), paragraph (blank-line separated) or file.")
        DocumentUnit unit,

        @Doc("Lower-case every text before use.") Boolean lowercase,

        @Doc("Read at most this many documents (examples), in file order; unset reads all.")
        Integer maxExamples) {

    public TextDatasetConfig {
        if (paths == null || paths.isEmpty()) {
            throw new IllegalArgumentException(
                    "paths must list at least one file or glob pattern, e.g. ['corpus/*.train']");
        }
        for (String p : paths) {
            if (p == null || p.isBlank()) {
                throw new IllegalArgumentException("paths must not contain blank entries, got " + paths);
            }
        }
        paths = List.copyOf(paths);
        format = format == null ? TextFormat.AUTO : format;
        textField = textField == null ? "text" : textField;
        if (textField.isBlank()) {
            throw new IllegalArgumentException("text_field must name a JSON field, got a blank string");
        }
        unit = unit == null ? DocumentUnit.LINE : unit;
        if (format == TextFormat.JSONL && unit != DocumentUnit.LINE) {
            throw new IllegalArgumentException(
                    "unit '" + unit.id() + "' applies to plain text only; with format 'jsonl'"
                            + " every JSON record is one document, so leave unit unset or 'line'");
        }
        lowercase = lowercase != null && lowercase;
        if (maxExamples != null && maxExamples < 1) {
            throw new IllegalArgumentException("max_examples must be >= 1 (or unset for all), got " + maxExamples);
        }
    }

    /** A config reading {@code paths} with every default. */
    public static TextDatasetConfig of(String... paths) {
        return new TextDatasetConfig(List.of(paths), null, null, null, null, null);
    }
}
