package org.babylab.plugins.llama.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Trains toward a 16k vocabulary on the ~21 MB of BLiMP JSONL lines (raw lines used as documents). */
@Tag("slow")
class RealDataBpeTrainingTest {

    @Test
    void training_on_twenty_megabytes_takes_seconds_not_minutes() throws IOException {
        Path dir = Path.of(
                System.getProperty("babylab.shared.dir", "../shared"),
                "data",
                "babylm2025_full_eval",
                "blimp_filtered");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data not present: skipping real-data test");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        ByteLevelBpeTrainer trainer = new ByteLevelBpeTrainer(16_384, 2, SpecialTokens.ALL);
        long t0 = System.nanoTime();
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
            try (Stream<String> lines = Files.lines(f)) {
                trainer.addDocuments(lines);
            } catch (UncheckedIOException e) {
                throw new IOException(f + ": " + e.getMessage(), e);
            }
        }
        BpeVocabulary v = trainer.train();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("bpe: %d tokens from %.1f MB in %.1f s%n", v.vocab().size(), bytes / 1e6, seconds);
        // BLiMP's vocabulary is small: merges run out (no pair left twice) before 16k, after several thousand.
        assertTrue(v.vocab().size() > 5_000, "learned " + v.vocab().size() + " tokens");
        assertTrue(seconds < 60, "training took " + seconds + " s");
        BpeTokenizer tok = BpeTokenizer.of(v);
        String s = "Who should Derek hug after shocking Richard?";
        assertEquals(s, tok.decode(tok.encode(s).ids()));
        assertTrue(
                tok.encode(s).length() <= 10,
                "frequent words became single tokens: " + tok.encode(s).length());
    }
}
