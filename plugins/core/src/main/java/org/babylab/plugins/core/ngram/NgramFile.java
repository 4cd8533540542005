package org.babylab.plugins.core.ngram;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The on-disk form of {@link NgramCounts}, {@value #FILE_NAME}.
 *
 * <p>Layout: the 8 bytes {@code BLNGRAM\n}, a big-endian {@code int} format version, then a gzip
 * stream holding {@code int order}, {@code int vocabSize}, and for each order 1..N {@code int size}
 * followed by {@code size} pairs ({@code long key}, {@code int adjustedCount}) in index order, and
 * finally the {@code int} {@link #END_MARKER}. Only counts are stored: discounts and interpolation
 * weights are recomputed on load by the same code as in training, so they cannot disagree. Gzip's
 * CRC catches corruption; the end marker and size checks catch truncation.
 *
 * <p>Stateless and thread-safe.
 */
final class NgramFile {
    static final String FILE_NAME = "ngram.bin";
    static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "BLNGRAM\n".getBytes(StandardCharsets.US_ASCII);
    private static final int END_MARKER = 0x454E4421; // "END!"
    static final int MAX_ORDER = 10;

    private NgramFile() {}

    static void write(NgramCounts counts, Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            raw.write(MAGIC);
            new DataOutputStream(raw).writeInt(FORMAT_VERSION);
            GZIPOutputStream gzip = new GZIPOutputStream(raw, 1 << 16) {
                {
                    // Level 1 compresses the keys nearly as well as the default and several times faster.
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gzip, 1 << 16));
            out.writeInt(counts.order());
            out.writeInt(counts.vocabSize());
            for (int n = 1; n <= counts.order(); n++) {
                LongIndex table = counts.table(n);
                int[] adjusted = counts.adjusted(n);
                out.writeInt(table.size());
                for (int i = 0; i < table.size(); i++) {
                    out.writeLong(table.key(i));
                    out.writeInt(adjusted[i]);
                }
            }
            out.writeInt(END_MARKER);
            out.flush();
            gzip.finish();
        }
    }

    /**
     * Reads the counts from {@code dir}.
     *
     * @param expectedVocabSize the vocabulary size of the tokenizer saved alongside
     * @throws IOException naming the file and what was expected when it is missing, of another
     *     format or version, truncated or corrupt
     */
    static NgramCounts read(Path dir, int expectedVocabSize) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] magic = raw.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(
                        file + ": not a BabyLab n-gram model (expected the file to start with 'BLNGRAM')");
            }
            byte[] version = raw.readNBytes(4);
            if (version.length < 4) {
                throw new IOException(file
                        + ": truncated: the file ends inside its header (expected a format version after the magic)");
            }
            int v = ((version[0] & 0xFF) << 24)
                    | ((version[1] & 0xFF) << 16)
                    | ((version[2] & 0xFF) << 8)
                    | (version[3] & 0xFF);
            if (v != FORMAT_VERSION) {
                throw new IOException(
                        file + ": n-gram format version " + v + ", but this build reads version " + FORMAT_VERSION
                                + "; retrain the model (delete its cached step) or use the BabyLab version that wrote it");
            }
            DataInputStream in =
                    new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
            return readBody(in, file, expectedVocabSize);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": missing; expected the n-gram counts written when the model was trained", e);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated: the file ends before all n-gram counts were read", e);
        } catch (ZipException e) {
            throw new IOException(
                    file + ": corrupt compressed data (" + e.getMessage()
                            + "); the file was damaged after it was written",
                    e);
        }
    }

    private static NgramCounts readBody(DataInputStream in, Path file, int expectedVocabSize) throws IOException {
        int order = in.readInt();
        if (order < 1 || order > MAX_ORDER) {
            throw new IOException(file + ": corrupt: order " + order + " is outside 1.." + MAX_ORDER);
        }
        int vocabSize = in.readInt();
        if (vocabSize != expectedVocabSize) {
            throw new IOException(
                    file + ": vocabulary size " + vocabSize + " does not match the tokenizer saved with it ("
                            + expectedVocabSize + "); the model directory mixes files of two models");
        }
        LongIndex[] tables = new LongIndex[order + 1];
        int[][] adjusted = new int[order + 1][];
        for (int n = 1; n <= order; n++) {
            int size = in.readInt();
            if (size < 0) {
                throw new IOException(file + ": corrupt: order " + n + " claims " + size + " n-grams");
            }
            LongIndex table = new LongIndex(Math.min(size, 1 << 20));
            int[] a = new int[size];
            int lowerSize = n == 1 ? 0 : tables[n - 1].size();
            for (int i = 0; i < size; i++) {
                long key = in.readLong();
                a[i] = in.readInt();
                boolean validKey = n == 1 ? key >= 0 && key < vocabSize : key >= 0 && key / vocabSize < lowerSize;
                if (!validKey || a[i] < 1) {
                    throw new IOException(
                            file + ": corrupt: order-" + n + " n-gram " + i + " has key " + key + " and count " + a[i]);
                }
                if (table.add(key) != i) {
                    throw new IOException(file + ": corrupt: order-" + n + " n-gram " + i + " repeats an earlier one");
                }
            }
            table.trim();
            tables[n] = table;
            adjusted[n] = a;
        }
        if (in.readInt() != END_MARKER) {
            throw new IOException(file + ": corrupt: expected the end marker after the order-" + order + " n-grams");
        }
        if (in.read() != -1) {
            throw new IOException(file + ": corrupt: unexpected data after the end marker");
        }
        return new NgramCounts(order, vocabSize, tables, adjusted);
    }
}
