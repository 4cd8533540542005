package org.babylab.datagen;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a GLUE-format task with a learnable cue as task rte, {@code rte.train.jsonl} and {@code rte.valid.jsonl}
 * in the rte/mrpc layout ({@code sentence1}, {@code sentence2}, {@code label}, {@code idx}): random
 * words, and {@code sentence2} ends in "dog." for label 1 and "cat." for label 0. A model that
 * fine-tunes correctly reaches (near) perfect validation accuracy; the majority baseline is about
 * 50%. Deterministic for a seed. The copy in {@code experiments/data/glue-cue} is this class's
 * output for {@code main}'s defaults.
 */
public final class GlueCueFixture {
    private static final String[] WORDS = {
        "the", "a", "big", "little", "red", "ball", "baby", "sees", "likes", "finds", "mommy", "daddy", "book", "milk",
        "truck", "girl", "boy", "runs", "eats", "happy", "we", "you", "my", "some", "cookie", "blue", "jumps"
    };

    private GlueCueFixture() {}

    /** Writes {@code train} and {@code valid} examples into {@code dir} (created if needed). */
    public static void write(Path dir, int train, int valid, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom r = new SplittableRandom(seed);
        writeFile(dir.resolve("rte.train.jsonl"), train, r, 0);
        writeFile(dir.resolve("rte.valid.jsonl"), valid, r, train);
    }

    private static void writeFile(Path file, int n, SplittableRandom r, int firstIdx) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                int label = r.nextInt(2);
                String s1 = words(r, 4 + r.nextInt(6)) + ".";
                String s2 = words(r, 2 + r.nextInt(4)) + " " + (label == 1 ? "dog" : "cat") + ".";
                w.write("{\"sentence1\": \"" + s1 + "\", \"sentence2\": \"" + s2 + "\", \"label\": " + label
                        + ", \"idx\": " + (firstIdx + i) + "}\n");
            }
        }
    }

    private static String words(SplittableRandom r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    /** {@code GlueCueFixture <dir>}: 400 training and 100 validation examples, seed 42. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GlueCueFixture <output directory>");
            System.exit(2);
        }
        write(Path.of(args[0]), 400, 100, 42);
    }
}
