package org.babylab.plugins.llama.train;

import java.util.Arrays;
import java.util.stream.Stream;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.step.ProgressReporter;

/**
 * Documents tokenized and joined into one stream as {@code <bos> doc <eos> <bos> doc <eos> ...},
 * cut into windows of {@code seqLen + 1} tokens with stride {@code seqLen}: window {@code i} gives
 * the inputs {@code [i*seqLen, i*seqLen + seqLen)} and their next tokens, so every token after the
 * first is a training target exactly once. The tail shorter than a window is dropped.
 *
 * <p>BOS starts every document because evaluators score a text after the BOS token; a model
 * that never saw BOS would score first words badly. Immutable after construction.
 */
public final class PackedCorpus {
    private final int[] tokens;
    private final int seqLen;

    private PackedCorpus(int[] tokens, int seqLen) {
        this.tokens = tokens;
        this.seqLen = seqLen;
    }

    /** Tokenizes {@code documents}; BOS and EOS are used when the tokenizer has them. */
    public static PackedCorpus pack(Stream<String> documents, Tokenizer tokenizer, int seqLen, ProgressReporter progress) {
        IntBuffer buf = new IntBuffer();
        documents.forEach(doc -> {
            tokenizer.bosId().ifPresent(buf::add);
            for (int id : tokenizer.encode(doc).ids()) {
                buf.add(id);
            }
            tokenizer.eosId().ifPresent(buf::add);
            progress.advance(1);
        });
        return new PackedCorpus(buf.toArray(), seqLen);
    }

    /** A corpus over an existing token stream (benchmarks, pre-tokenized data). */
    public static PackedCorpus ofTokens(int[] tokens, int seqLen) {
        return new PackedCorpus(tokens.clone(), seqLen);
    }

    /** Number of windows. */
    public int windows() {
        return tokens.length <= seqLen ? 0 : (tokens.length - 1) / seqLen;
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

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
