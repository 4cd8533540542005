package org.babylab.runtime.dsl;

import static org.babylab.runtime.dsl.ExperimentFiles.at;
import static org.babylab.runtime.dsl.ExperimentFiles.problem;
import static org.babylab.runtime.dsl.ExperimentLoaderTest.QUICKSTART;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.babylab.runtime.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that used to crash or hang the loader ends in a located error, fast. */
class HostileInputTest {
    @TempDir
    Path dir;

    ExperimentFiles files;

    @BeforeEach
    void setUp() {
        files = new ExperimentFiles(dir, Map.of());
    }

    @Test
    void doubling_variables_end_in_a_located_error_not_out_of_memory() throws Exception {
        StringBuilder vars = new StringBuilder("vars:\n");
        for (int i = 0; i < 40; i++) {
            vars.append("  e")
                    .append(i)
                    .append(": \"${e")
                    .append(i + 1)
                    .append("}${e")
                    .append(i + 1)
                    .append("}\"\n");
        }
        vars.append("  e40: xx\n");
        Path file = files.write("e.yaml", QUICKSTART.replace("path: blimp.jsonl", "path: \"${e0}\"") + vars);
        Problem p = assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> problem(files.fails(file), "expands to more than"));
        assertEquals(file.toString(), p.location().file());
        assertTrue(p.location().line() > 0, p.toString());
    }

    @Test
    void a_huge_one_line_file_is_refused_by_size_at_once() throws Exception {
        Path file = dir.resolve("huge.yaml");
        byte[] line = new byte[50 << 20];
        java.util.Arrays.fill(line, (byte) 'a');
        Files.write(file, line);
        Problem p = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problem(files.fails(file), "the limit is"));
        assertEquals(1, p.location().line());
    }

    @Test
    void a_very_long_line_is_refused_at_its_line_before_yaml_parsing() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + "report: {" + "k: 1, ".repeat(20_000) + "}\n");
        Problem p =
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problem(files.fails(file), "is longer than"));
        assertEquals(at(file, "report").line(), p.location().line());
    }

    @Test
    void including_a_device_is_refused_at_the_include() throws Exception {
        for (String device : new String[] {"/dev/zero", "/dev/urandom"}) {
            if (!Files.exists(Path.of(device))) {
                continue;
            }
            Path file = files.write("e.yaml", "include: " + device + "\n" + QUICKSTART);
            Problem p = assertTimeoutPreemptively(
                    Duration.ofSeconds(10), () -> problem(files.fails(file), "not a regular file"));
            assertEquals(at(file, device), p.location());
        }
    }

    @Test
    void a_control_character_is_named_at_its_line_and_column() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("path: blimp.jsonl", "path: bl\u0007imp.jsonl"));
        Problem p = problem(files.fails(file), "U+0007");
        assertEquals(at(file, "\u0007"), p.location());
        assertTrue(p.message().contains("(bel)"), p.message());
    }

    @Test
    void invalid_utf8_is_named_by_byte_at_its_line_and_column() throws Exception {
        byte[] text =
                QUICKSTART.replace("path: blimp.jsonl", "path: blXimp.jsonl").getBytes(StandardCharsets.UTF_8);
        int at = new String(text, StandardCharsets.UTF_8).indexOf('X');
        text[at] = (byte) 0xC3;
        text[at + 1] = (byte) 0x28; // not a continuation byte
        Path file = dir.resolve("e.yaml");
        Files.write(file, text);
        Problem p = problem(files.fails(file), "invalid UTF-8: byte 0xC3");
        Files.writeString(dir.resolve("ref.yaml"), QUICKSTART.replace("path: blimp.jsonl", "path: blXimp.jsonl"));
        SourceLocationCheck.sameLineAndColumn(at(dir.resolve("ref.yaml"), "X"), p.location());
    }

    @Test
    void nesting_too_deep_is_located() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + "report: " + "[".repeat(100) + "]".repeat(100) + "\n");
        Problem p = problem(files.fails(file), "nested more than");
        assertEquals(at(file, "report").line(), p.location().line());
    }

    @Test
    void too_many_aliases_are_located() throws Exception {
        StringBuilder yaml = new StringBuilder(QUICKSTART).append("report:\n  base: &b [1]\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("  k").append(i).append(": *b\n");
        }
        Path file = files.write("e.yaml", yaml.toString());
        Problem p = problem(files.fails(file), "aliases");
        assertTrue(p.location().line() > at(file, "base").line(), p.toString());
    }

    @Test
    void an_unused_variable_cycle_is_an_error() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + "vars:\n  a: \"${b}\"\n  b: \"x${a}\"\n");
        Problem p = problem(files.fails(file), "variable cycle: a -> b -> a");
        assertEquals(at(file, "\"${b}\""), p.location());
    }

    @Test
    void an_over_long_experiment_name_is_refused_before_planning() throws Exception {
        Path file =
                files.write("e.yaml", QUICKSTART.replace("experiment: quickstart", "experiment: " + "x".repeat(300)));
        Problem p = problem(files.fails(file), "300 characters long");
        assertEquals(at(file, "xxx"), p.location());
    }

    @Test
    void a_gpu_with_no_memory_is_refused() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + "devices: {gpus: [{memory: 0GB}]}\n");
        Problem p = problem(files.fails(file), "can run nothing");
        assertEquals(at(file, "0GB"), p.location());
    }

    /** Compares line and column only (the file names differ). */
    static final class SourceLocationCheck {
        static void sameLineAndColumn(
                org.babylab.runtime.SourceLocation expected, org.babylab.runtime.SourceLocation actual) {
            assertEquals(expected.line() + ":" + expected.column(), actual.line() + ":" + actual.column());
        }
    }
}
