package org.babylab.plugins.core.text;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Walks the documents of a list of files, opening one file at a time and closing it as soon as it is
 * exhausted (or when the iterator is closed), so a stream over thousands of files holds one handle.
 * Stops after {@code limit} documents. Not thread-safe.
 */
final class DocumentIterator implements Iterator<SourceDocument>, Closeable {
    private final List<Path> files;
    private final TextFormat format;
    private final DocumentUnit unit;
    private final long limit;
    private int nextFile;
    private DocumentReader current;
    private SourceDocument pending;
    private long returned;

    DocumentIterator(List<Path> files, TextFormat format, DocumentUnit unit, long limit) {
        this.files = files;
        this.format = format;
        this.unit = unit;
        this.limit = limit;
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (returned >= limit) {
            close();
            return false;
        }
        try {
            while (true) {
                if (current == null) {
                    if (nextFile == files.size()) {
                        return false;
                    }
                    current = open(files.get(nextFile++));
                }
                pending = current.next();
                if (pending != null) {
                    return true;
                }
                current.close();
                current = null;
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public SourceDocument next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SourceDocument d = pending;
        pending = null;
        returned++;
        return d;
    }

    private DocumentReader open(Path file) throws IOException {
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new IOException(file + ": cannot open: " + e, e);
        }
        try {
            if (format.resolveFor(file) == TextFormat.TEXT) {
                return new PlainTextReader(new Utf8LineReader(in, file), file, unit);
            }
            boolean json =
                    file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
            return json && startsWithArray(in)
                    ? new JsonArrayReader(in, file)
                    : new JsonLinesReader(new Utf8LineReader(in, file), file);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Peeks past white space (and a byte-order mark) for a {@code [}; leaves the stream where it was. */
    private static boolean startsWithArray(InputStream in) throws IOException {
        in.mark(1 << 12);
        try {
            for (int i = 0; i < (1 << 12); i++) {
                int b = in.read();
                if (b == '[') {
                    return true;
                }
                if (b < 0 || !(Character.isWhitespace(b) || b == 0xEF || b == 0xBB || b == 0xBF)) {
                    return false;
                }
            }
            return false;
        } finally {
            in.reset();
        }
    }

    @Override
    public void close() {
        pending = null;
        nextFile = files.size();
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                current = null;
            }
        }
    }
}
