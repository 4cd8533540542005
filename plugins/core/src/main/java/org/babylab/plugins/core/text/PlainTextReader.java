package org.babylab.plugins.core.text;

import java.io.IOException;
import java.nio.file.Path;

/** Splits a UTF-8 text file into documents by {@link DocumentUnit}. Not thread-safe. */
final class PlainTextReader implements DocumentReader {
    private final Utf8LineReader lines;
    private final Path file;
    private final DocumentUnit unit;
    private boolean done;

    PlainTextReader(Utf8LineReader lines, Path file, DocumentUnit unit) {
        this.lines = lines;
        this.file = file;
        this.unit = unit;
    }

    @Override
    public SourceDocument next() throws IOException {
        if (done) {
            return null;
        }
        return switch (unit) {
            case LINE -> nextLine();
            case PARAGRAPH -> nextBlock(true);
            case FILE -> nextBlock(false);
        };
    }

    private SourceDocument nextLine() throws IOException {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.isBlank()) {
                return new SourceDocument(file, lines.lineNumber(), line.strip(), null);
            }
        }
        done = true;
        return null;
    }

    /** Joins lines up to the next blank line ({@code stopAtBlank}) or to the end of the file. */
    private SourceDocument nextBlock(boolean stopAtBlank) throws IOException {
        StringBuilder text = new StringBuilder();
        int firstLine = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank() && stopAtBlank) {
                if (firstLine > 0) {
                    return new SourceDocument(file, firstLine, text.toString().strip(), null);
                }
                continue;
            }
            if (firstLine == 0) {
                if (line.isBlank()) {
                    continue;
                }
                firstLine = lines.lineNumber();
            } else {
                text.append('\n');
            }
            text.append(line);
        }
        done = true;
        return firstLine == 0
                ? null
                : new SourceDocument(file, firstLine, text.toString().strip(), null);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
