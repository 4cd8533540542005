package org.babylab.plugins.llama.preference;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.babylab.api.model.LanguageModel;

/**
 * The frozen reference model's log-probs of every pair's chosen and rejected reply, computed once
 * per run and kept in the step's checkpoint directory ({@value #FILE_NAME}), so neither later
 * epochs nor a resumed run runs the reference again. The file names the fingerprint of the pairs
 * it was computed for and is written atomically (temporary file, fsync, rename).
 */
public final class ReferenceLogProbs {
    public static final String FILE_NAME = "dpo-reference-logps.bin";
    private static final int MAGIC = 0x44504f52;

    private ReferenceLogProbs() {}

    /** The sum (or mean) of the per-token log-probs from {@code promptLength} on. */
    static double replySum(double[] lp, int promptLength, boolean average) {
        double sum = 0;
        for (int i = promptLength; i < lp.length; i++) {
            sum += lp[i];
        }
        return average ? sum / (lp.length - promptLength) : sum;
    }

    /** {@code [pairs][2]}: chosen then rejected. Reads the file when it holds these pairs' values, else computes and writes it. */
    public static double[][] loadOrCompute(
            Path dir,
            String fingerprint,
            List<PreferencePair> pairs,
            LanguageModel reference,
            boolean average,
            int batch,
            java.util.function.Consumer<String> log)
            throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                if (in.readInt() == MAGIC && in.readUTF().equals(fingerprint) && in.readInt() == pairs.size()) {
                    double[][] out = new double[pairs.size()][2];
                    for (double[] row : out) {
                        row[0] = in.readDouble();
                        row[1] = in.readDouble();
                    }
                    log.accept("dpo: reference log-probs of " + pairs.size()
                            + " pairs read from the checkpoint directory");
                    return out;
                }
            }
        }
        double[][] out = new double[pairs.size()][2];
        int chunk = Math.max(1, batch);
        for (int from = 0; from < pairs.size(); from += chunk) {
            List<int[]> sequences = new ArrayList<>();
            List<PreferencePair> part = pairs.subList(from, Math.min(pairs.size(), from + chunk));
            for (PreferencePair p : part) {
                sequences.add(PreferencePair.join(p.prompt(), p.chosen()));
                sequences.add(PreferencePair.join(p.prompt(), p.rejected()));
            }
            List<double[]> lps = reference.logProbs(sequences);
            for (int k = 0; k < part.size(); k++) {
                int promptLength = part.get(k).prompt().length;
                out[from + k][0] = replySum(lps.get(2 * k), promptLength, average);
                out[from + k][1] = replySum(lps.get(2 * k + 1), promptLength, average);
            }
        }
        Path tmp = dir.resolve("." + FILE_NAME + ".tmp");
        try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            o.writeInt(MAGIC);
            o.writeUTF(fingerprint);
            o.writeInt(out.length);
            for (double[] row : out) {
                o.writeDouble(row[0]);
                o.writeDouble(row[1]);
            }
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log.accept("dpo: reference log-probs of " + pairs.size() + " pairs computed once and kept with the checkpoint");
        return out;
    }
}
