package org.babylab.runtime.dsl;

import static org.babylab.runtime.dsl.ExperimentFiles.at;
import static org.babylab.runtime.dsl.ExperimentFiles.problem;
import static org.babylab.runtime.dsl.ExperimentLoaderTest.QUICKSTART;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.Problem;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlSafetyAndCoercionTest {
    @TempDir
    Path dir;

    ExperimentFiles files;

    @BeforeEach
    void setUp() {
        files = new ExperimentFiles(dir, Map.of());
    }

    private DslTestPlugin.PairsConfig pairs(ExperimentDefinition def) {
        return (DslTestPlugin.PairsConfig) def.trials()
                .get(0)
                .find(ComponentKind.EVALUATOR, "blimp")
                .orElseThrow()
                .config();
    }

    @Test
    void a_binary_tag_is_refused_like_any_non_standard_tag() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("path: blimp.jsonl", "path: !!binary aGVsbG8="));
        Problem p = problem(files.fails(file), "YAML tag '!!binary'");
        assertEquals(at(file, "!!binary"), p.location());
    }

    @Test
    void a_list_that_contains_itself_is_refused() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + "report: &loop {again: *loop}\n");
        Problem p = problem(files.fails(file), "contains itself");
        assertEquals(file.toString(), p.location().file());
    }

    @Test
    void merge_keys_are_refused_with_the_alternatives() throws Exception {
        Path file =
                files.write("e.yaml", QUICKSTART + "report:\n  base: &b {title: x}\n  more: {<<: *b, columns: [a]}\n");
        Problem p = problem(files.fails(file), "merge keys");
        assertEquals(at(file, "<<"), p.location());
        assertTrue(p.hint().contains("include:"), p.hint());
    }

    @Test
    void a_plain_number_is_accepted_as_text_where_a_string_is_expected() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("path: blimp.jsonl", "path: 2024"));
        assertEquals("2024", pairs(files.load(file)).path());
    }

    @Test
    void a_fractional_number_is_not_truncated_into_an_integer() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("order: 3", "order: 3.5"));
        Problem p = problem(files.fails(file), "'order' expects an integer");
        assertEquals(at(file, "3.5"), p.location());
    }

    @Test
    void a_number_is_not_taken_for_an_enum_constant() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("path: blimp.jsonl", "path: p, ties: 1"));
        Problem p = problem(files.fails(file), "'ties' expects one of WRONG, HALF");
        assertEquals(at(file, "1}"), p.location());
    }

    @Test
    void a_map_of_strings_and_a_list_bind_with_their_element_locations_kept_for_references() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + """
                curricula:
                  phases: {type: test-phases, datasets: [train, dev]}
                """);
        Problem p = problem(files.fails(file), "'dev'");
        assertEquals(at(file, "dev]"), p.location());
        assertEquals("curriculum 'phases' refers in 'datasets' to dataset 'dev', which is not declared", p.message());
    }

    @Test
    void an_invalid_component_name_is_reported_at_the_name() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + "tokenizers:\n  -bad: {type: x}\n");
        Problem p = problem(files.fails(file), "tokenizer name '-bad'");
        assertEquals(at(file, "-bad"), p.location());
    }

    @Test
    void a_stage_named_like_a_model_is_an_error_because_references_could_not_tell_them_apart() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + "stages:\n  ngram3: {type: test-finetune, from: ngram3}\n");
        Problem p = problem(files.fails(file), "stage 'ngram3' has the name of a model");
        assertEquals(at(file, "ngram3: {"), p.location());
    }

    @Test
    void an_override_may_replace_a_sweep_axis_with_a_flow_list() throws Exception {
        Path file = files.write(
                "e.yaml", QUICKSTART.replace("order: 3", "order: ${sweep.order}") + "sweep:\n  order: [2]\n");
        ExperimentDefinition def = files.load(file, "sweep.order=[5, 6, 7]");
        assertEquals(
                List.of(5L, 6L, 7L),
                def.trials().stream().map(t -> t.sweepValues().get("order")).toList());
    }

    @Test
    void a_sweep_of_more_than_ten_thousand_points_is_refused_before_expanding() throws Exception {
        String axis = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]";
        Path file = files.write(
                "e.yaml",
                QUICKSTART + "sweep: {a: " + axis + ", b: " + axis + ", c: " + axis + ", d: " + axis
                        + ", e: [1, 2]}\n");
        Problem p = problem(files.fails(file), "more than 10000 points");
        assertEquals(at(file, "{a: "), p.location());
    }

    @Test
    void include_cannot_be_added_by_an_override() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART);
        Problem p = problem(files.fails(file, "include=[other.yaml]"), "include: cannot be set by an override");
        assertEquals("<command line>", p.location().file());
    }
}
