package org.babylab.plugins.core.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Reads one JSON object per non-blank line. Not thread-safe. */
final class JsonLinesReader implements DocumentReader {
    private final Utf8LineReader lines;
    private final Path file;

    JsonLinesReader(Utf8LineReader lines, Path file) {
        this.lines = lines;
        this.file = file;
    }

    @Override
    public SourceDocument next() throws IOException {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            String where = file + ":" + lines.lineNumber();
            Object value;
            try {
                value = JsonSupport.MAPPER.readValue(line, Object.class);
            } catch (JsonProcessingException e) {
                throw new IOException(where + ": invalid JSON: " + JsonSupport.message(e), e);
            }
            if (!(value instanceof Map<?, ?>)) {
                throw new IOException(where + ": expected a JSON object per line, got " + JsonSupport.typeName(value));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) value;
            return new SourceDocument(file, lines.lineNumber(), null, record);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
