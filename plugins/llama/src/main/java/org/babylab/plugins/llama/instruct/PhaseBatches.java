package org.babylab.plugins.llama.instruct;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.babylab.api.chat.PackedSequence;
import org.babylab.api.chat.TokenizedExample;
import org.babylab.toolkit.chat.ExamplePacker;

/**
 * A phase's training data laid out as optimiser steps: each epoch's examples, in manifest order,
 * packed into sequences ({@link ExamplePacker}), cut into micro-batches of {@code batchSize}
 * sequences, {@code gradAccum} micro-batches per optimiser step. Sequences, micro-batches and steps
 * never straddle an epoch, so the schedule can restart exactly at each epoch. The sequences of step
 * {@code s} are a pure function of the examples and {@code s}, which exact resumption needs.
 * Immutable.
 */
public final class PhaseBatches {
    private final List<List<List<PackedSequence>>> steps;
    private final long[] epochEnds;
    private final int sequences;
    private final String fingerprint;

    private PhaseBatches(List<List<List<PackedSequence>>> steps, long[] epochEnds, int sequences, String fingerprint) {
        this.steps = steps;
        this.epochEnds = epochEnds;
        this.sequences = sequences;
        this.fingerprint = fingerprint;
    }

    /**
     * @param epochs each epoch's examples in training order; at least one example in all
     * @param seqLen the packed sequence length
     * @param padId the id of unused positions
     */
    public static PhaseBatches plan(
            List<List<TokenizedExample>> epochs, int seqLen, int padId, int batchSize, int gradAccum) {
        List<List<List<PackedSequence>>> steps = new ArrayList<>();
        long[] ends = new long[epochs.size()];
        int count = 0;
        MessageDigest sha = sha256();
        sha.update(ByteBuffer.allocate(12)
                .putInt(seqLen)
                .putInt(batchSize)
                .putInt(gradAccum)
                .array());
        for (int e = 0; e < epochs.size(); e++) {
            List<PackedSequence> packed = ExamplePacker.pack(epochs.get(e), seqLen, padId);
            count += packed.size();
            List<List<PackedSequence>> micro = new ArrayList<>();
            for (int from = 0; from < packed.size(); from += batchSize) {
                micro.add(List.copyOf(packed.subList(from, Math.min(from + batchSize, packed.size()))));
            }
            for (int from = 0; from < micro.size(); from += gradAccum) {
                steps.add(List.copyOf(micro.subList(from, Math.min(from + gradAccum, micro.size()))));
            }
            ends[e] = steps.size();
            for (PackedSequence s : packed) {
                ByteBuffer b = ByteBuffer.allocate(s.length() * 9);
                for (int i = 0; i < s.length(); i++) {
                    b.putInt(s.ids()[i]).putInt(s.segments()[i]).put((byte) (s.lossMask()[i] ? 1 : 0));
                }
                sha.update(b.array());
            }
            sha.update(ByteBuffer.allocate(4).putInt(-1 - e).array());
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the phase has no examples to train on");
        }
        return new PhaseBatches(List.copyOf(steps), ends, count, HexFormat.of().formatHex(sha.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Optimiser steps of the phase. */
    public int steps() {
        return steps.size();
    }

    /** The micro-batches of optimiser step {@code step} (0-based). */
    public List<List<PackedSequence>> microBatches(long step) {
        return steps.get(Math.toIntExact(step));
    }

    /** The exclusive end step of each epoch (a copy). */
    public long[] epochEnds() {
        return epochEnds.clone();
    }

    /** How many packed sequences all epochs hold. */
    public int sequences() {
        return sequences;
    }

    /** SHA-256 of the packed data and the batching, so a checkpoint is never resumed on other data. */
    public String fingerprint() {
        return fingerprint;
    }
}
