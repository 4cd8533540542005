package org.babylab.plugins.core.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Streams the objects of a file holding one JSON array ({@code [{...}, {...}]}), without reading the
 * whole array into memory. Not thread-safe.
 */
final class JsonArrayReader implements DocumentReader {
    /** Reads one element; the elements after it are not "trailing tokens" here. */
    private static final ObjectReader ELEMENT_READER = JsonSupport.MAPPER
            .readerFor(new TypeReference<Map<String, Object>>() {})
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonParser parser;
    private final Path file;
    private boolean started;

    JsonArrayReader(InputStream in, Path file) throws IOException {
        this.parser = JsonSupport.MAPPER.getFactory().createParser(in);
        this.file = file;
    }

    @Override
    public SourceDocument next() throws IOException {
        try {
            if (!started) {
                started = true;
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw new IOException(where() + ": expected a JSON array of objects");
                }
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                if (parser.nextToken() != null) {
                    throw new IOException(where() + ": unexpected content after the closing ']' of the JSON array");
                }
                return null;
            }
            if (token != JsonToken.START_OBJECT) {
                throw new IOException(where() + ": expected a JSON object as array element, got " + token);
            }
            int line = parser.currentTokenLocation().getLineNr();
            Map<String, Object> record = ELEMENT_READER.readValue(parser);
            return new SourceDocument(file, line, null, record);
        } catch (JsonProcessingException e) {
            throw new IOException(where() + ": invalid JSON: " + JsonSupport.message(e), e);
        }
    }

    private String where() {
        return file + ":" + parser.currentLocation().getLineNr();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
