package org.babylab.plugins.instruct.data;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.ArrayList;
import java.util.List;
import org.babylab.api.config.Doc;

/**
 * Configuration of an {@code instructions} dataset. {@code path} and {@code paths} are alternatives
 * (one file or several patterns); at least one is required.
 *
 * @param path one file or glob pattern, relative to the YAML file's directory; null when {@code paths} is used
 * @param paths glob patterns; null or empty when {@code path} is used
 * @param format the record kind; default {@link RecordFormat#AUTO}
 * @param source keep only records whose source field is one of these; empty keeps all
 * @param promptField the field holding the prompt; default {@code prompt}
 * @param replyField the field holding the reply; default {@code reply}
 * @param sourceField the field holding the source; default {@code source}
 * @param maxExamples keep at most this many records (after the filter), in file order; null for all
 */
@Doc("Instruction, chat or preference records from JSON lines, JSON arrays or Parquet files.")
public record InstructionsConfig(
        @Doc("One file or glob pattern (.jsonl, .json array, .parquet), relative to the YAML file.")
        String path,

        @Doc("Several files or glob patterns; '**' crosses directories.")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> paths,

        @Doc(
                "auto (per file, from its first record), instructions {prompt, reply, source}, chat {messages}, or preference {prompt, chosen, rejected}.")
        RecordFormat format,

        @Doc("Keep only records whose source is one of these (e.g. switchboard, simple_wiki); unset keeps all.")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> source,

        @Doc("The field holding the prompt; default 'prompt'.")
        String promptField,

        @Doc("The field holding the reply; default 'reply'.")
        String replyField,

        @Doc("The field holding the source label; default 'source'.")
        String sourceField,

        @Doc("Keep at most this many records (after the source filter), in file order; unset keeps all.")
        Integer maxExamples) {

    public InstructionsConfig {
        List<String> all = new ArrayList<>();
        if (path != null) {
            all.add(path);
        }
        if (paths != null) {
            all.addAll(paths);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(
                    "give 'path' (one file or pattern) or 'paths' (a list), e.g. path: data/class_it/switchboard/*.parquet");
        }
        for (String p : all) {
            if (p == null || p.isBlank()) {
                throw new IllegalArgumentException("path and paths must not contain blank entries, got " + all);
            }
        }
        paths = paths == null ? List.of() : List.copyOf(paths);
        format = format == null ? RecordFormat.AUTO : format;
        source = source == null ? List.of() : List.copyOf(source);
        for (String s : source) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("source must list non-blank source labels, got " + source);
            }
        }
        promptField = field("prompt_field", promptField, "prompt");
        replyField = field("reply_field", replyField, "reply");
        sourceField = field("source_field", sourceField, "source");
        if (maxExamples != null && maxExamples < 1) {
            throw new IllegalArgumentException("max_examples must be >= 1 (or unset for all), got " + maxExamples);
        }
    }

    /** {@code path} then {@code paths}, as patterns to expand. */
    public List<String> patterns() {
        List<String> all = new ArrayList<>();
        if (path != null) {
            all.add(path);
        }
        all.addAll(paths);
        return List.copyOf(all);
    }

    /** A config reading {@code path} with every default. */
    public static InstructionsConfig of(String path) {
        return new InstructionsConfig(path, null, null, null, null, null, null, null);
    }

    private static String field(String key, String value, String dflt) {
        if (value == null) {
            return dflt;
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(key + " must name a field, got a blank string");
        }
        return value;
    }
}
