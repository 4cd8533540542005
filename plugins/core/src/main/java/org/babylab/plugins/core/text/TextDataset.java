package org.babylab.plugins.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.babylab.api.data.Dataset;
import org.babylab.toolkit.data.FileGlobs;

/**
 * A {@code text} dataset: documents read lazily from a fixed list of local files.
 *
 * <p>Every call to {@link #texts()} or {@link #records()} reopens the files; streams hold at most
 * one file open and release it when exhausted or closed. Malformed content (bad UTF-8, bad JSON, a
 * record without the text field) surfaces as {@link UncheckedIOException} naming {@code file:line}.
 *
 * <p>{@link #fingerprint()} hashes content, never paths: two datasets reading byte-identical files
 * in the same order with the same reading options have the same fingerprint even if the files live in
 * different places, because they yield exactly the same documents. Each file contributes its format as
 * resolved for it (an {@code auto} dataset reads {@code a.jsonl} and {@code a.txt} differently).
 *
 * <p>Immutable and thread-safe; each stream is for one thread.
 */
public final class TextDataset implements Dataset {
    private static final String FINGERPRINT_SCHEME = "babylab-text-dataset/1";

    private final TextDatasetConfig config;
    private final List<Path> files;

    /**
     * @param config the reading options
     * @param files the files to read, in order (usually {@link FileGlobs#expand(List, Path)} of the config's paths)
     */
    public TextDataset(TextDatasetConfig config, List<Path> files) {
        this.config = config;
        this.files = List.copyOf(files);
    }

    @Override
    public List<Path> files() {
        return files;
    }

    @Override
    public String fingerprint() throws IOException {
        MessageDigest all = sha256();
        StringBuilder header = new StringBuilder(FINGERPRINT_SCHEME)
                .append('\n')
                .append("unit=")
                .append(config.unit().id())
                .append('\n')
                .append("text_field=")
                .append(config.textField())
                .append('\n')
                .append("lowercase=")
                .append(config.lowercase())
                .append('\n')
                .append("max_examples=")
                .append(config.maxExamples() == null ? "all" : config.maxExamples())
                .append('\n');
        all.update(header.toString().getBytes(StandardCharsets.UTF_8));
        for (Path file : files) {
            String line = config.format().resolveFor(file).id() + " " + contentHash(file) + "\n";
            all.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(all.digest());
    }

    @Override
    public Stream<String> texts() {
        return documents().map(this::textOf);
    }

    @Override
    public Stream<Map<String, Object>> records() {
        return documents().map(this::recordOf);
    }

    private Stream<SourceDocument> documents() {
        long limit = config.maxExamples() == null ? Long.MAX_VALUE : config.maxExamples();
        DocumentIterator it = new DocumentIterator(files, config.format(), config.unit(), limit);
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(it::close);
    }

    private String textOf(SourceDocument d) {
        if (d.text() != null) {
            return lower(d.text());
        }
        Object value = d.record().get(config.textField());
        if (value == null) {
            String problem = d.record().containsKey(config.textField())
                    ? "has a null '" + config.textField() + "'"
                    : "has no field '" + config.textField() + "'";
            throw dataError(d.where() + ": record " + problem + "; fields present: "
                    + d.record().keySet() + " (set text_field to the field that holds the text)");
        }
        if (!(value instanceof String s)) {
            throw dataError(d.where() + ": field '" + config.textField() + "' is " + JsonSupport.typeName(value)
                    + ", expected a string");
        }
        return lower(s);
    }

    private Map<String, Object> recordOf(SourceDocument d) {
        if (d.text() != null) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("text", lower(d.text()));
            return record;
        }
        if (config.lowercase() && d.record().get(config.textField()) instanceof String s) {
            d.record().put(config.textField(), lower(s));
        }
        return d.record();
    }

    private static UncheckedIOException dataError(String message) {
        return new UncheckedIOException(message, new IOException(message));
    }

    private String lower(String text) {
        return config.lowercase() ? text.toLowerCase(Locale.ROOT) : text;
    }

    private static String contentHash(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new IOException(file + ": cannot read for fingerprinting: " + e, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "TextDataset" + files;
    }
}
