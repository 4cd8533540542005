package org.babylab.runtime.dsl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.PluginRegistry;
import org.babylab.runtime.Problem;
import org.babylab.runtime.SourceLocation;
import org.babylab.runtime.internal.dsl.ExperimentLoader;
import org.babylab.runtime.internal.model.ExperimentDefinition;

/** Writes experiment files into a test directory, loads them, and finds problems and locations in them. */
final class ExperimentFiles {
    private final Path dir;
    private final ExperimentLoader loader;

    ExperimentFiles(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.loader = new ExperimentLoader(
                PluginRegistry.builder().register(new DslTestPlugin()).build(), env);
    }

    Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    ExperimentDefinition load(Path file, String... overrides) {
        return loader.load(file, List.of(overrides));
    }

    ExperimentException fails(Path file, String... overrides) {
        return assertThrows(ExperimentException.class, () -> loader.load(file, List.of(overrides)));
    }

    /** Where {@code needle} first occurs in {@code file}, as the loader reports locations (1-based). */
    static SourceLocation at(Path file, String needle) throws IOException {
        return at(file, needle, 1);
    }

    /** Where the {@code occurrence}-th (1-based) {@code needle} occurs in {@code file}. */
    static SourceLocation at(Path file, String needle, int occurrence) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            int from = 0;
            for (int col; (col = lines.get(i).indexOf(needle, from)) >= 0; from = col + 1) {
                if (++seen == occurrence) {
                    return new SourceLocation(file.toString(), i + 1, col + 1);
                }
            }
        }
        throw new AssertionError("'" + needle + "' does not occur " + occurrence + " time(s) in " + file);
    }

    /** The one problem whose message contains {@code text}; fails listing all problems otherwise. */
    static Problem problem(ExperimentException e, String text) {
        List<Problem> matching =
                e.problems().stream().filter(p -> p.message().contains(text)).toList();
        if (matching.size() != 1) {
            fail("expected exactly one problem containing \"" + text + "\", got " + matching.size() + " among:\n"
                    + e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
        }
        return matching.get(0);
    }
}
