package org.babylab.runtime.internal.exec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.babylab.api.eval.PredictionSink;
import org.babylab.runtime.internal.store.Json;

/**
 * Writes predictions as JSON lines into {@code predictions.jsonl}, opening the file on the first one
 * so that steps which predict nothing leave no file behind. Each prediction is checked by
 * {@link PredictionValues} first (JSON values only; nulls kept). Thread-safe (synchronized).
 */
final class JsonlPredictionSink implements PredictionSink, AutoCloseable {
    /** The store's JSON settings, but nulls are written: a prediction's null is data (see {@link PredictionValues}). */
    private static final ObjectMapper WRITER =
            Json.MAPPER.copy().setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS);

    private final Path file;
    private BufferedWriter writer;
    private long count;

    JsonlPredictionSink(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void accept(Map<String, Object> prediction) {
        PredictionValues.check(prediction);
        String line;
        try {
            line = WRITER.writeValueAsString(prediction);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("prediction is not JSON-like: " + e.getOriginalMessage(), e);
        }
        try {
            if (writer == null) {
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            writer.write(line);
            writer.write('\n');
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    synchronized long count() {
        return count;
    }

    /** Makes sure the file exists (evaluators always publish one, even empty). */
    synchronized void touch() throws IOException {
        if (writer == null) {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
    }

    /** Flushes and closes the file; further predictions are an error. Idempotent. */
    synchronized void finish() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }

    @Override
    public void close() throws IOException {
        finish();
    }
}
