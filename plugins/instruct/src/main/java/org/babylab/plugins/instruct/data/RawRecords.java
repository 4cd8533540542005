package org.babylab.plugins.instruct.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jerolba.carpet.CarpetReader;
import com.jerolba.carpet.CloseableIterator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads the raw records of one file by its extension: {@code .jsonl} (one JSON object per line, blank
 * lines skipped), {@code .json} (an array of objects) or {@code .parquet} (each row a record, through
 * Carpet). Streams are lazy and must be closed. Stateless and thread-safe.
 */
final class RawRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The file name endings this reader understands. */
    static final java.util.List<String> EXTENSIONS = java.util.List.of(".jsonl", ".json", ".parquet");

    private RawRecords() {}

    /** True when {@code file}'s name ends with one of {@link #EXTENSIONS} (case-insensitively). */
    static boolean readable(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** The records of {@code file}; read errors surface as {@link UncheckedIOException} naming the file and line or row. */
    static Stream<RawRecord> read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            if (name.endsWith(".jsonl")) {
                return jsonLines(file);
            }
            if (name.endsWith(".json")) {
                return jsonArray(file);
            }
            if (name.endsWith(".parquet")) {
                return parquet(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open: " + e.getMessage(), e);
        }
        throw new UncheckedIOException(
                new IOException(file + ": unknown file type; instructions datasets read .jsonl (JSON lines), "
                        + ".json (an array of objects) and .parquet"));
    }

    private static Stream<RawRecord> jsonLines(Path file) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        Iterator<RawRecord> it = new Iterator<>() {
            int line;
            RawRecord next = advance();

            private RawRecord advance() {
                try {
                    String text;
                    while ((text = reader.readLine()) != null) {
                        line++;
                        if (!text.isBlank()) {
                            return new RawRecord(object(text, file + ":" + line), file + ":" + line);
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(file + ":" + (line + 1) + ": cannot read: " + e.getMessage(), e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public RawRecord next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                RawRecord r = next;
                next = advance();
                return r;
            }
        };
        return stream(it).onClose(() -> closeQuietly(reader));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String text, String where) {
        Object value;
        try {
            value = JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(value instanceof Map)) {
            throw new UncheckedIOException(
                    new IOException(where + ": expected a JSON object per line, got " + text.strip()));
        }
        return (Map<String, Object>) value;
    }

    private static Stream<RawRecord> jsonArray(Path file) throws IOException {
        JsonParser parser = JSON.getFactory().createParser(file.toFile());
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_ARRAY) {
            parser.close();
            throw new UncheckedIOException(new IOException(file + ":"
                    + parser.currentTokenLocation().getLineNr() + ": expected a JSON array of objects, got " + first
                    + (first == JsonToken.START_OBJECT ? " (for one object per line, name the file .jsonl)" : "")));
        }
        Iterator<RawRecord> it = new Iterator<>() {
            RawRecord next = advance();

            @SuppressWarnings("unchecked")
            private RawRecord advance() {
                try {
                    JsonToken t = parser.nextToken();
                    if (t == JsonToken.END_ARRAY || t == null) {
                        return null;
                    }
                    String where = file + ":" + parser.currentTokenLocation().getLineNr();
                    if (t != JsonToken.START_OBJECT) {
                        throw new IOException(where + ": expected an object in the array, got " + t);
                    }
                    return new RawRecord(JSON.readValue(parser, LinkedHashMap.class), where);
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            e.getMessage().startsWith(file.toString())
                                    ? e.getMessage()
                                    : file + ":" + parser.currentLocation().getLineNr() + ": not valid JSON: "
                                            + e.getMessage(),
                            e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public RawRecord next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                RawRecord r = next;
                next = advance();
                return r;
            }
        };
        return stream(it).onClose(() -> closeQuietly(parser));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Stream<RawRecord> parquet(Path file) {
        CloseableIterator<Map> rows;
        try {
            rows = new CarpetReader<>(file.toFile(), Map.class).iterator();
        } catch (RuntimeException e) {
            throw new UncheckedIOException(
                    new IOException(file + ": not a readable Parquet file: " + e.getMessage(), e));
        }
        Iterator<RawRecord> it = new Iterator<>() {
            long row;

            @Override
            public boolean hasNext() {
                try {
                    return rows.hasNext();
                } catch (RuntimeException e) {
                    throw new UncheckedIOException(
                            new IOException(file + ": row " + (row + 1) + ": cannot read: " + e.getMessage(), e));
                }
            }

            @Override
            public RawRecord next() {
                row++;
                try {
                    return new RawRecord(new LinkedHashMap<String, Object>(rows.next()), file + ": row " + row);
                } catch (RuntimeException e) {
                    throw new UncheckedIOException(
                            new IOException(file + ": row " + row + ": cannot read: " + e.getMessage(), e));
                }
            }
        };
        return stream(it).onClose(() -> closeQuietly(rows));
    }

    private static Stream<RawRecord> stream(Iterator<RawRecord> it) {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing a file we only read: nothing is lost, and the read itself succeeded or already failed.
        }
    }
}
