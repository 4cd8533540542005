package org.babylab.toolkit.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON objects from JSONL (one object per line, blank lines skipped) or from a JSON array of
 * objects, telling the two apart by the first non-blank character. Every record keeps its source and
 * line. Stateless and thread-safe.
 */
public final class JsonRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRecords() {}

    /** Reads a file as JSONL or a JSON array. */
    public static List<JsonRecord> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads a stream (UTF-8) as JSONL or a JSON array; {@code source} names it in messages. */
    public static List<JsonRecord> read(InputStream in, String source) throws IOException {
        PushbackReader reader =
                new PushbackReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), 1);
        int c;
        long skippedLines = 0;
        do {
            c = reader.read();
            if (c == '\n') {
                skippedLines++;
            }
        } while (c != -1 && (Character.isWhitespace(c) || c == '\uFEFF'));
        if (c == -1) {
            return List.of();
        }
        reader.unread(c);
        return c == '['
                ? readArray(reader, source, skippedLines)
                : readLines(new BufferedReader(reader), source, skippedLines);
    }

    private static List<JsonRecord> readLines(BufferedReader reader, String source, long skippedLines)
            throws IOException {
        List<JsonRecord> out = new ArrayList<>();
        String line;
        long lineNo = skippedLines; // blank lines consumed while sniffing the format
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new DataFormatException(
                        source,
                        lineNo,
                        "not valid JSON (" + e.getOriginalMessage() + "); expected one JSON object per line",
                        e);
            }
            if (!(node instanceof ObjectNode obj)) {
                throw new DataFormatException(
                        source,
                        lineNo,
                        "expected a JSON object per line, got "
                                + node.getNodeType().name().toLowerCase());
            }
            out.add(new JsonRecord(source, lineNo, obj));
        }
        return out;
    }

    private static List<JsonRecord> readArray(Reader reader, String source, long skippedLines) throws IOException {
        List<JsonRecord> out = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(reader)) {
            p.nextToken(); // START_ARRAY
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new DataFormatException(
                            source, skippedLines + p.currentLocation().getLineNr(), "the JSON array is not closed");
                }
                JsonLocation at = p.currentTokenLocation();
                if (t != JsonToken.START_OBJECT) {
                    throw new DataFormatException(
                            source, skippedLines + at.getLineNr(), "expected a JSON object in the array, got " + t);
                }
                ObjectNode obj = p.readValueAsTree();
                out.add(new JsonRecord(source, skippedLines + at.getLineNr(), obj));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DataFormatException(
                    source,
                    at == null ? 0 : skippedLines + at.getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage(),
                    e);
        }
        return out;
    }
}
