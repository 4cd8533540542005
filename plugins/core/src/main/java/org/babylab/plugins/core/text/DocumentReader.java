package org.babylab.plugins.core.text;

import java.io.Closeable;
import java.io.IOException;

/** Reads the documents of one open file, in order. Not thread-safe; close it to release the file. */
interface DocumentReader extends Closeable {

    /**
     * The next document, or null when the file has no more.
     *
     * @throws IOException on read failure or malformed content, the message naming file and line
     */
    SourceDocument next() throws IOException;
}
