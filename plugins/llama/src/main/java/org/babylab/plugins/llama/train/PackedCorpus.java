package org.babylab.plugins.llama.train;

import java.util.Arrays;
import java.util.stream.Stream;
import org.babylab.api.data.Words;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.step.ProgressReporter;

/**
 * Documents tokenized and joined into one stream as {@code <bos> doc <eos> <bos> doc <eos> ...},
 * cut into windows of {@code seqLen + 1} tokens with stride {@code seqLen}: window {@code i} gives
 * the inputs {@code [i*seqLen, i*seqLen + seqLen)} and their next tokens, so every token after the
 * first is a training target exactly once. The tail shorter than a window is dropped.
 *
 * <p>Words are counted as the BabyLM challenge counts them ({@link Words}: whitespace-separated words
 * of each document). Each word of a document is credited to one of the document's token positions,
 * spread evenly over them (word {@code i} of {@code w} to token {@code floor(i * n / w)} of {@code n}),
 * and a window is credited with the words of its target positions; the dropped tail's words go to
 * the last window, so one pass over every window sees exactly the corpus's words.
 *
 * <p>BOS starts every document because evaluators score a text after the BOS token; a model
 * that never saw BOS would score first words badly. Immutable after construction.
 */
public final class PackedCorpus {
    private final int[] tokens;
    private final int seqLen;
    private final int[] windowWords;
    private final long words;

    private PackedCorpus(int[] tokens, int seqLen, int[] windowWords, long words) {
        this.tokens = tokens;
        this.seqLen = seqLen;
        this.windowWords = windowWords;
        this.words = words;
    }

    /** Tokenizes {@code documents}; BOS and EOS are used when the tokenizer has them. */
    public static PackedCorpus pack(
            Stream<String> documents, Tokenizer tokenizer, int seqLen, ProgressReporter progress) {
        IntBuffer buf = new IntBuffer();
        IntBuffer perWindow = new IntBuffer();
        long[] total = {0};
        documents.forEach(doc -> {
            tokenizer.bosId().ifPresent(buf::add);
            int start = buf.size;
            for (int id : tokenizer.encode(doc).ids()) {
                buf.add(id);
            }
            tokenizer.eosId().ifPresent(buf::add);
            long w = Words.count(doc);
            int n = buf.size - start;
            for (long i = 0; i < w; i++) {
                // Position 0 is never a target; a document without tokens credits the position after it.
                long p = n == 0 ? start : start + i * n / w;
                perWindow.addAt((int) (Math.max(0, p - 1) / seqLen), 1);
            }
            total[0] += w;
            progress.advance(1);
        });
        int[] all = buf.toArray();
        return new PackedCorpus(all, seqLen, foldTail(perWindow.toArray(), windowsOf(all.length, seqLen)), total[0]);
    }

    /** A corpus over an existing token stream (benchmarks, pre-tokenized data); it has no words. */
    public static PackedCorpus ofTokens(int[] tokens, int seqLen) {
        return new PackedCorpus(tokens.clone(), seqLen, new int[windowsOf(tokens.length, seqLen)], 0);
    }

    private static int windowsOf(int tokens, int seqLen) {
        return tokens <= seqLen ? 0 : (tokens - 1) / seqLen;
    }

    /** Per-window word credits cut to {@code windows}, the dropped tail's credited to the last window. */
    private static int[] foldTail(int[] credits, int windows) {
        int[] out = new int[windows];
        for (int i = 0; i < credits.length; i++) {
            if (windows > 0) {
                out[Math.min(i, windows - 1)] += credits[i];
            }
        }
        return out;
    }

    /** The words credited to window {@code i} (see the class comment). */
    public int windowWords(int i) {
        return windowWords[i];
    }

    /** The words of every document packed, counted like BabyLM. */
    public long wordCount() {
        return words;
    }

    /** Number of windows. */
    public int windows() {
        return windowsOf(tokens.length, seqLen);
    }

    /** Total tokens in the stream. */
    public long tokenCount() {
        return tokens.length;
    }

    /** Tokens per window input. */
    public int seqLen() {
        return seqLen;
    }

    /** Writes window {@code i}'s inputs into {@code inputs[offset..]} and its targets into {@code targets[offset..]}. */
    public void window(int i, long[] inputs, long[] targets, int offset) {
        int start = i * seqLen;
        for (int j = 0; j < seqLen; j++) {
            inputs[offset + j] = tokens[start + j];
            targets[offset + j] = tokens[start + j + 1];
        }
    }

    /** A content hash of the token stream and the window length, to refuse resuming on other data. */
    public String fingerprint() {
        return Integer.toHexString(Arrays.hashCode(tokens)) + "-" + tokens.length + "-" + seqLen;
    }

    /** A growable int array; avoids boxing the whole corpus. */
    private static final class IntBuffer {
        private int[] data = new int[1 << 16];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = v;
        }

        /** Adds {@code v} at index {@code i}, growing (with zeros) as needed. */
        void addAt(int i, int v) {
            while (i >= data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[i] += v;
            size = Math.max(size, i + 1);
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
