package org.babylab.plugins.llama.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * TRL's {@code ValueHead}: a linear layer ({@code weight [1, hidden]}, {@code bias [1]}) on the
 * policy's last hidden state, initialised like {@code torch.nn.Linear} (uniform in
 * {@code ±1/sqrt(hidden)}) from a seed. TRL's optional dropout before it ({@code summary_dropout_prob})
 * is not applied, so runs are deterministic. Arrays live in the policy's manager.
 */
final class ValueHead {
    static final String WEIGHT = "v_head.weight";
    static final String BIAS = "v_head.bias";
    private static final int MAGIC = 0x50504f53;

    final NDArray weight;
    final NDArray bias;
    private final int hidden;

    ValueHead(NDManager manager, int hidden, long seed) {
        this.hidden = hidden;
        SplittableRandom r = new SplittableRandom(seed);
        double bound = 1 / Math.sqrt(hidden);
        float[] w = new float[hidden];
        for (int i = 0; i < hidden; i++) {
            w[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
        }
        this.weight = manager.create(FloatBuffer.wrap(w), new Shape(1, hidden));
        this.bias = manager.create(
                FloatBuffer.wrap(new float[] {(float) ((r.nextDouble() * 2 - 1) * bound)}), new Shape(1));
        weight.setName(WEIGHT);
        bias.setName(BIAS);
    }

    /** Values {@code [B, T]} of hidden states {@code [B, T, hidden]}. */
    NDArray values(NDArray hiddenStates) {
        NDArray v = hiddenStates
                .getNDArrayInternal()
                .linear(hiddenStates, weight, bias)
                .singletonOrThrow();
        Shape s = hiddenStates.getShape();
        return v.reshape(s.get(0), s.get(1));
    }

    /** Writes the head, the KL coefficient and the batch step atomically to {@code file}. */
    void save(Path file, long step, double klCoef) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            o.writeInt(MAGIC);
            o.writeLong(step);
            o.writeDouble(klCoef);
            o.writeInt(hidden);
            for (float f : weight.toFloatArray()) {
                o.writeFloat(f);
            }
            o.writeFloat(bias.toFloatArray()[0]);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Restores the head from {@code file}; returns the KL coefficient saved with it. */
    double load(Path file, long step) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readLong() != step) {
                throw new IOException("PPO state " + file + " does not belong to the checkpoint of batch " + step
                        + "; delete the checkpoint directory to start over");
            }
            double kl = in.readDouble();
            if (in.readInt() != hidden) {
                throw new IOException("PPO state " + file
                        + " has a value head of another width; delete the checkpoint directory to start over");
            }
            float[] w = new float[hidden];
            for (int i = 0; i < hidden; i++) {
                w[i] = in.readFloat();
            }
            weight.set(FloatBuffer.wrap(w));
            bias.set(FloatBuffer.wrap(new float[] {in.readFloat()}));
            return kl;
        }
    }
}
