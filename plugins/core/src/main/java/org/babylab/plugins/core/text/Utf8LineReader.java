package org.babylab.plugins.core.text;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a UTF-8 file line by line, knowing exactly which line it is on.
 *
 * <p>A {@link java.io.BufferedReader} decodes ahead of the line it returns, so its decoding errors
 * cannot be pinned to a line; this reader splits bytes at {@code \n} first and decodes each line on
 * its own, so a malformed byte is reported as {@code file:line}. A trailing {@code \r} and a leading
 * byte-order mark are dropped.
 *
 * <p>Not thread-safe.
 */
final class Utf8LineReader implements Closeable {
    private static final int CHUNK = 1 << 16;

    private final InputStream in;
    private final Path file;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[256];
    private int lineNumber;
    private boolean eof;

    Utf8LineReader(InputStream in, Path file) {
        this.in = in;
        this.file = file;
    }

    /** The 1-based number of the line last returned by {@link #readLine()}, 0 before the first. */
    int lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its terminator, or null at the end of the file.
     *
     * @throws IOException on read failure, or when the line is not valid UTF-8 (the message names file and line)
     */
    String readLine() throws IOException {
        int len = 0;
        boolean sawAny = false;
        while (true) {
            if (chunkPos == chunkLen) {
                if (eof) {
                    break;
                }
                chunkLen = in.read(chunk);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    eof = true;
                    break;
                }
            }
            sawAny = true;
            int start = chunkPos;
            while (chunkPos < chunkLen && chunk[chunkPos] != '\n') {
                chunkPos++;
            }
            int n = chunkPos - start;
            if (len + n > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
            }
            System.arraycopy(chunk, start, line, len, n);
            len += n;
            if (chunkPos < chunkLen) {
                chunkPos++; // the '\n'
                break;
            }
        }
        if (!sawAny && len == 0) {
            return null;
        }
        lineNumber++;
        int from = 0;
        if (lineNumber == 1
                && len >= 3
                && (line[0] & 0xFF) == 0xEF
                && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF) {
            from = 3;
        }
        if (len > from && line[len - 1] == '\r') {
            len--;
        }
        try {
            return decoder.decode(ByteBuffer.wrap(line, from, len - from)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(
                    file + ":" + lineNumber + ": not valid UTF-8 (" + e + "); the file must be UTF-8 encoded", e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
