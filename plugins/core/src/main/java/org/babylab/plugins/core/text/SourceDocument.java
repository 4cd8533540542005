package org.babylab.plugins.core.text;

import java.nio.file.Path;
import java.util.Map;

/**
 * One document as read from a file, before the dataset's view (text or record) is applied.
 *
 * @param file the file it came from
 * @param line the 1-based line it starts on
 * @param text the text of a plain-text document, null for a JSON record
 * @param record the decoded object of a JSON record, null for a plain-text document
 */
record SourceDocument(Path file, int line, String text, Map<String, Object> record) {
    /** {@code file:line}, the prefix of every error about this document. */
    String where() {
        return file + ":" + line;
    }
}
