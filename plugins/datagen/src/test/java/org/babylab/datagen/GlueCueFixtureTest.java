package org.babylab.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlueCueFixtureTest {

    @Test
    void theCommittedGlueCueDataIsWhatTheGeneratorWritesForItsDefaults(@TempDir Path dir) throws Exception {
        Path committed =
                Path.of(System.getProperty("babylab.project.dir", "../..")).resolve("experiments/data/glue-cue");
        GlueCueFixture.write(dir, 400, 100, 42);
        for (String file : new String[] {"rte.train.jsonl", "rte.valid.jsonl"}) {
            assertEquals(
                    Files.readString(committed.resolve(file)),
                    Files.readString(dir.resolve(file)),
                    file + " differs from GlueCueFixture's output: regenerate it or fix the generator");
        }
    }
}
