package org.babylab.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/plugins.md builds examples/lexical-decision step by step; CI builds and runs the example. So
 * that a reader who follows the page gets the project CI tested, every file of the example appears
 * in the page word for word (the items file by its first lines).
 */
class TutorialMatchesExampleTest {
    private static Path projectDir() {
        return Path.of(System.getProperty("babylab.project.dir", "../.."));
    }

    @Test
    void every_file_of_the_example_plugin_is_in_the_tutorial_word_for_word() throws IOException {
        Path example = projectDir().resolve("examples/lexical-decision");
        String tutorial = Files.readString(projectDir().resolve("docs/plugins.md"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(example)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !example.relativize(p).startsWith("target")
                            && !example.relativize(p).startsWith(".babylab"))
                    .toList();
        }
        assertFalse(files.isEmpty(), "no files in " + example);
        for (Path f : files) {
            String content = Files.readString(f).stripTrailing();
            if (f.getFileName().toString().equals("items.tsv")) {
                content = String.join("\n", content.lines().limit(6).toList());
            }
            assertTrue(
                    tutorial.contains(content),
                    "docs/plugins.md does not hold " + example.relativize(f) + " as it is in the example");
        }
    }
}
