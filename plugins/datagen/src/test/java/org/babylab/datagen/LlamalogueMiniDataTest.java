package org.babylab.datagen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamalogueMiniDataTest {

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(dir::relativize)
                    .sorted()
                    .toList();
        }
    }

    @Test
    void pairs_prefer_the_contingent_reply_in_the_turn_format_and_differ_from_the_rejected_one(@TempDir Path dir)
            throws IOException {
        LlamalogueMiniData.generate(dir, LlamalogueMiniData.DEFAULT_SEED);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> pairs =
                new ObjectMapper().readValue(dir.resolve("dpo/train.json").toFile(), List.class);
        assertEquals(LlamalogueMiniData.TRAIN_PAIRS, pairs.size());
        for (Map<String, String> p : pairs) {
            assertTrue(
                    p.get("prompt").startsWith("*MOT: ")
                            && p.get("chosen").startsWith("*CHI: ")
                            && p.get("rejected").startsWith("*CHI: "),
                    p.toString());
            assertNotEquals(p.get("chosen"), p.get("rejected"));
        }
        List<String> lines = Files.readAllLines(dir.resolve("corpus/train.txt"));
        assertEquals(LlamalogueMiniData.CONVERSATIONS, lines.size());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("*MOT: ") && l.contains(" *CHI: ")), lines.get(0));
    }

    @Test
    void shipped_files_are_exactly_what_the_generator_writes(@TempDir Path dir) throws IOException {
        String project = System.getProperty("babylab.project.dir");
        Assumptions.assumeTrue(project != null, "babylab.project.dir not set: skipping the shipped-data comparison");
        Path shipped = Path.of(project, "experiments", "data", "llamalogue-mini");
        Assumptions.assumeTrue(
                Files.isDirectory(shipped), shipped + " not present: skipping the shipped-data comparison");
        LlamalogueMiniData.generate(dir, LlamalogueMiniData.DEFAULT_SEED);
        assertEquals(files(dir), files(shipped), "the same file names; regenerate with LlamalogueMiniData.main");
        for (Path relative : files(dir)) {
            assertArrayEquals(
                    Files.readAllBytes(dir.resolve(relative)),
                    Files.readAllBytes(shipped.resolve(relative)),
                    relative + " differs from the generator's output; regenerate with LlamalogueMiniData.main "
                            + shipped);
        }
    }
}
