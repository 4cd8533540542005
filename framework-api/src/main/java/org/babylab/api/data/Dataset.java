package org.babylab.api.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A source of training or evaluation data read from local files.
 *
 * <p>Both views are lazy and may be consumed several times; each call opens the files anew. A
 * stream must be closed (try-with-resources) to release file handles. Read failures surface as
 * {@link UncheckedIOException} whose message names the file and line.
 */
public interface Dataset {

    /** The files this dataset reads, in a stable order. */
    List<Path> files();

    /**
     * A hash of the content (not the paths or dates) of every file plus the parts of the config
     * that change what is read, as lower-case hex. Equal fingerprints mean equal data.
     */
    String fingerprint() throws IOException;

    /** The documents as plain text, one per element, in file order. */
    Stream<String> texts();

    /**
     * The documents as records: a JSONL line as its decoded object, a plain-text document as
     * {@code {"text": ...}}. Values are JSON-like: String, Number, Boolean, null, List, Map.
     */
    Stream<Map<String, Object>> records();
}
