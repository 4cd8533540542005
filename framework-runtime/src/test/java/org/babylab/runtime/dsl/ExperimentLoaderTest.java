package org.babylab.runtime.dsl;

import static org.babylab.runtime.dsl.ExperimentFiles.at;
import static org.babylab.runtime.dsl.ExperimentFiles.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.Problem;
import org.babylab.runtime.Severity;
import org.babylab.runtime.SourceLocation;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.model.Reference;
import org.babylab.runtime.internal.model.Trial;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentLoaderTest {
    static final String QUICKSTART = """
            experiment: quickstart
            seed: 42
            datasets:
              train: {type: test-text, paths: [train.txt]}
            models:
              ngram3:
                type: test-ngram
                order: 3
                train_on: train
            evaluate:
              on: [ngram3]
              with:
                blimp: {type: test-pairs, path: blimp.jsonl}
            """;

    @TempDir
    Path dir;

    ExperimentFiles files;

    @BeforeEach
    void setUp() {
        files = new ExperimentFiles(dir, Map.of("ORDER", "5", "CORPUS", "babylm"));
    }

    @Test
    void a_valid_experiment_binds_every_component_with_defaults_and_references() throws Exception {
        Path file = files.write("quickstart.yaml", QUICKSTART);
        ExperimentDefinition def = files.load(file);
        assertEquals("quickstart", def.name());
        assertEquals(42, def.seed());
        assertEquals(dir.toAbsolutePath().normalize(), def.baseDir());
        assertEquals(List.of(), def.problems());
        assertEquals(1, def.trials().size());
        Trial trial = def.trials().get(0);
        assertEquals(Map.of(), trial.sweepValues());
        assertEquals(
                List.of("dataset:train", "model:ngram3", "evaluator:blimp"),
                trial.components().stream().map(ComponentDecl::id).toList());
        assertEquals(List.of("ngram3"), trial.evaluateOn());

        ComponentDecl ngram = trial.find(ComponentKind.MODEL, "ngram3").orElseThrow();
        assertEquals("test-ngram", ngram.type());
        assertEquals(new DslTestPlugin.NgramConfig(3, "train", 0.75), ngram.config());
        assertEquals(Map.of("order", 3, "train_on", "train", "discount", 0.75), ngram.canonicalConfig());
        assertEquals(
                List.of(new Reference(
                        "train_on", ComponentKind.DATASET, "train", shift(at(file, "train_on: train"), 10))),
                ngram.references());
        assertEquals(at(file, "type: test-ngram"), ngram.location());

        ComponentDecl blimp = trial.find(ComponentKind.EVALUATOR, "blimp").orElseThrow();
        Map<String, Object> defaults = new java.util.LinkedHashMap<>();
        defaults.put("path", "blimp.jsonl");
        defaults.put("ties", "WRONG");
        defaults.put("labels", null); // optional without default: present, so the canonical form is stable
        assertEquals(defaults, blimp.canonicalConfig());
    }

    private static SourceLocation shift(SourceLocation at, int columns) {
        return new SourceLocation(at.file(), at.line(), at.column() + columns);
    }

    @Test
    void a_misspelled_key_is_reported_at_the_key_with_the_closest_valid_key() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("    order: 3", "    ordr: 3"));
        Problem p = problem(files.fails(file), "unknown key 'ordr'");
        assertEquals(at(file, "ordr"), p.location());
        assertEquals("did you mean 'order'? valid keys: order, train_on, discount", p.hint());
        assertTrue(
                p.toString().startsWith(file + ":8:5: error: unknown key 'ordr' in model 'ngram3' (type test-ngram)"),
                p.toString());
    }

    @Test
    void an_unknown_type_suggests_the_closest_id_and_lists_the_known_ones() throws Exception {
        Path file = files.write(
                "e.yaml",
                QUICKSTART
                        .replace("type: test-ngram", "type: test-ngarm")
                        .replace("type: test-text", "type: wikipedia"));
        ExperimentException e = files.fails(file);
        Problem model = problem(e, "unknown type 'test-ngarm'");
        assertEquals(at(file, "test-ngarm"), model.location());
        assertEquals("did you mean 'test-ngram'? known model types: test-ngram", model.hint());
        Problem dataset = problem(e, "unknown type 'wikipedia'");
        assertEquals(at(file, "wikipedia"), dataset.location());
        assertEquals("known dataset types: test-text", dataset.hint());
    }

    @Test
    void a_component_without_type_lists_the_known_ids() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("    type: test-ngram\n", ""));
        Problem p = problem(files.fails(file), "has no 'type:'");
        assertEquals(at(file, "order: 3"), p.location());
        assertEquals("known model types: test-ngram", p.hint());
    }

    @Test
    void a_dangling_reference_is_reported_at_the_name_with_did_you_mean() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("train_on: train", "train_on: trian"));
        Problem p = problem(files.fails(file), "'trian'");
        assertEquals(at(file, "trian"), p.location());
        assertEquals("model 'ngram3' refers in 'train_on' to dataset 'trian', which is not declared", p.message());
        assertEquals("did you mean 'train'? declared datasets: train", p.hint());
    }

    @Test
    void a_duplicate_key_names_both_lines() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("    order: 3\n", "    order: 3\n    order: 4\n"));
        Problem p = problem(files.fails(file), "duplicate key 'order'");
        assertEquals(at(file, "order", 2), p.location());
        assertEquals("duplicate key 'order' (first at " + at(file, "order") + ")", p.message());
        assertEquals(8, at(file, "order").line());
        assertEquals(9, p.location().line());
    }

    @Test
    void a_reference_cycle_is_reported_with_the_whole_cycle() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + """
                stages:
                  warm: {type: test-finetune, from: cool}
                  cool: {type: test-finetune, from: warm}
                """);
        Problem p = problem(files.fails(file), "reference cycle");
        assertEquals("reference cycle: stage:warm -> stage:cool -> stage:warm", p.message());
        assertEquals(at(file, "{type: test-finetune, from: cool}"), p.location());
    }

    @Test
    void java_class_tags_and_custom_tags_are_refused_at_their_locations() throws Exception {
        Path file = files.write(
                "e.yaml",
                QUICKSTART
                        .replace("train_on: train", "train_on: !!java.lang.ProcessBuilder [rm]")
                        .replace("path: blimp.jsonl", "path: !include blimp.jsonl"));
        ExperimentException e = files.fails(file);
        Problem java = problem(e, "'!!java.lang.ProcessBuilder'");
        assertEquals(at(file, "!!java"), java.location());
        assertEquals("YAML tag '!!java.lang.ProcessBuilder' is not allowed", java.message());
        Problem custom = problem(e, "'!include'");
        assertEquals(at(file, "!include"), custom.location());
        assertTrue(custom.hint().contains("only strings, numbers, booleans, null, lists and mappings"), custom.hint());
    }

    @Test
    void a_billion_laughs_document_is_refused_quickly() throws Exception {
        StringBuilder yaml =
                new StringBuilder("experiment: lol\nvars:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String prev = "*" + (char) (c - 1);
            yaml.append("  ")
                    .append(c)
                    .append(": &")
                    .append(c)
                    .append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, prev)))
                    .append("]\n");
        }
        Path file = files.write("lol.yaml", yaml.toString());
        ExperimentException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> files.fails(file));
        Problem p = problem(e, "aliases");
        assertEquals(file.toString(), p.location().file());
        assertTrue(p.hint().contains("billion laughs"), p.hint());
    }

    @Test
    void several_errors_are_reported_at_once() throws Exception {
        Path file = files.write(
                "e.yaml",
                QUICKSTART
                        .replace("    order: 3", "    ordr: 3")
                        .replace("train_on: train", "train_on: trian")
                        .replace("type: test-pairs", "type: test-pair")
                        .replace("seed: 42", "seeed: 42"));
        ExperimentException e = files.fails(file);
        // The misspelled key stops the model from binding, so its dangling reference is not checked yet.
        assertEquals(3, e.problems().size(), e.getMessage());
        assertEquals(
                "did you mean 'seed'? valid keys: experiment, seed, include, vars, store, devices, datasets, tokenizers, models,"
                        + " curricula, chat_templates, rewards, stages, evaluate, sweep, report, cluster",
                problem(e, "unknown top-level key 'seeed'").hint());
        assertEquals(at(file, "ordr"), problem(e, "unknown key 'ordr'").location());
        assertEquals(
                at(file, "test-pair,"), problem(e, "unknown type 'test-pair'").location());
        assertTrue(e.getMessage().startsWith("3 error(s) in experiment:"), e.getMessage());
    }

    @Test
    void includes_overrides_vars_env_and_a_sweep_grid_with_zip_expand_into_trials() throws Exception {
        files.write("shared/defaults.yaml", """
                seed: 1
                vars:
                  data: corpus
                  order: 2
                datasets:
                  train: {type: test-text, paths: ["${data}/train.txt"], limit: 10}
                """);
        Path file = files.write("study.yaml", """
                experiment: study
                include: [shared/defaults.yaml]
                vars:
                  data: ${env.CORPUS}/v2
                models:
                  ngram_a: {type: test-ngram, train_on: train, order: "${order}"}
                  ngram_b: {type: test-ngram, train_on: train, order: "${env.ORDER}"}
                stages:
                  ft:
                    type: test-finetune
                    from: ${sweep.model}
                    lr: ${sweep.lr}
                    schedule: {warmup: "${sweep.warmup}"}
                evaluate:
                  on: [ft]
                  with:
                    pairs: {type: test-pairs, path: "pairs-$${literal}.jsonl"}
                sweep:
                  model: [ngram_a, ngram_b]
                  zip: {lr: [1.0e-4, 2.0e-4], warmup: [100, 200]}
                """);
        ExperimentDefinition def = files.load(file, "vars.order=4", "datasets.train.limit=5");
        assertEquals(1, def.seed());
        assertEquals(List.of(), def.problems(), def.problems().toString());
        assertEquals(4, def.trials().size());
        assertEquals(
                List.of(
                        Map.of("model", "ngram_a", "lr", 1.0e-4, "warmup", 100L),
                        Map.of("model", "ngram_a", "lr", 2.0e-4, "warmup", 200L),
                        Map.of("model", "ngram_b", "lr", 1.0e-4, "warmup", 100L),
                        Map.of("model", "ngram_b", "lr", 2.0e-4, "warmup", 200L)),
                def.trials().stream().map(Trial::sweepValues).toList());
        assertEquals(
                List.of("model", "lr", "warmup"),
                List.copyOf(def.trials().get(0).sweepValues().keySet()));

        Trial last = def.trials().get(3);
        DslTestPlugin.FinetuneConfig ft = (DslTestPlugin.FinetuneConfig)
                last.find(ComponentKind.STAGE, "ft").orElseThrow().config();
        assertEquals("ngram_b", ft.from());
        assertEquals(2.0e-4, ft.lr());
        assertEquals(200, ft.schedule().warmup());
        assertEquals(
                new DslTestPlugin.TextConfig(List.of("babylm/v2/train.txt"), null, 5),
                last.find(ComponentKind.DATASET, "train").orElseThrow().config());
        assertEquals(
                4,
                ((DslTestPlugin.NgramConfig) last.find(ComponentKind.MODEL, "ngram_a")
                                .orElseThrow()
                                .config())
                        .order());
        assertEquals(
                5,
                ((DslTestPlugin.NgramConfig) last.find(ComponentKind.MODEL, "ngram_b")
                                .orElseThrow()
                                .config())
                        .order());
        assertEquals(
                "pairs-${literal}.jsonl",
                ((DslTestPlugin.PairsConfig) last.find(ComponentKind.EVALUATOR, "pairs")
                                .orElseThrow()
                                .config())
                        .path());
        assertEquals(
                Path.of("shared/defaults.yaml").toString(),
                Path.of(dir.relativize(Path.of(last.find(ComponentKind.DATASET, "train")
                                        .orElseThrow()
                                        .location()
                                        .file()))
                                .toString())
                        .toString());
    }

    @Test
    void a_sweep_value_used_as_the_whole_scalar_keeps_its_number_type() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("order: 3", "order: ${sweep.order}") + """
                sweep:
                  order: [2, 4]
                """);
        ExperimentDefinition def = files.load(file);
        assertEquals(
                List.of(2, 4),
                def.trials().stream()
                        .map(t -> ((DslTestPlugin.NgramConfig) t.find(ComponentKind.MODEL, "ngram3")
                                        .orElseThrow()
                                        .config())
                                .order())
                        .toList());
        assertEquals(
                4,
                def.trials()
                        .get(1)
                        .find(ComponentKind.MODEL, "ngram3")
                        .orElseThrow()
                        .canonicalConfig()
                        .get("order"));
        assertEquals(4L, def.trials().get(1).sweepValues().get("order"));
    }

    @Test
    void a_number_inside_longer_text_is_substituted_as_written() throws Exception {
        Path file = files.write(
                "e.yaml", QUICKSTART.replace("path: blimp.jsonl", "path: \"blimp-${sweep.lr}.jsonl\"") + """
                sweep:
                  lr: [2.0e-4]
                """);
        ExperimentDefinition def = files.load(file);
        assertEquals(
                "blimp-2.0e-4.jsonl",
                ((DslTestPlugin.PairsConfig) def.trials()
                                .get(0)
                                .find(ComponentKind.EVALUATOR, "blimp")
                                .orElseThrow()
                                .config())
                        .path());
    }

    @Test
    void a_compact_constructor_message_is_surfaced_at_the_key_it_names() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("order: 3", "order: 11"));
        Problem p = problem(files.fails(file), "order must be between 1 and 10, got 11");
        assertEquals(at(file, "order"), p.location());
        assertEquals("model 'ngram3' (type test-ngram): order must be between 1 and 10, got 11", p.message());
    }

    @Test
    void a_value_of_the_wrong_type_names_the_expected_type_at_the_value() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("order: 3", "order: \"3\""));
        Problem p = problem(files.fails(file), "'order' expects an integer");
        assertEquals(at(file, "\"3\""), p.location());
        assertEquals("model 'ngram3' (type test-ngram): 'order' expects an integer, got the string '3'", p.message());
    }

    @Test
    void a_misspelled_enum_value_suggests_the_valid_values() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("path: blimp.jsonl", "path: blimp.jsonl, ties: HLAF"));
        Problem p = problem(files.fails(file), "'ties' expects one of WRONG, HALF");
        assertEquals(at(file, "HLAF"), p.location());
        assertEquals("did you mean 'HALF'? valid values: WRONG, HALF", p.hint());
    }

    @Test
    void an_unknown_key_in_a_nested_record_is_reported_at_that_key() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + """
                stages:
                  ft: {type: test-finetune, from: ngram3, schedule: {warmpu: 10}}
                """);
        Problem p = problem(files.fails(file), "unknown key 'warmpu'");
        assertEquals(at(file, "warmpu"), p.location());
        assertEquals("did you mean 'warmup'? valid keys: warmup, decay", p.hint());
        assertEquals("unknown key 'warmpu' under 'schedule' in stage 'ft' (type test-finetune)", p.message());
    }

    @Test
    void a_missing_required_key_is_reported_at_the_mapping() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("    train_on: train\n", ""));
        Problem p = problem(files.fails(file), "missing required key 'train_on'");
        assertEquals(at(file, "type: test-ngram"), p.location());
        assertEquals("add 'train_on: ...' (the dataset to count)", p.hint());
    }

    @Test
    void an_include_cycle_names_the_chain() throws Exception {
        Path a = files.write("a.yaml", "experiment: a\ninclude: [b.yaml]\n");
        Path b = files.write("b.yaml", "include: a.yaml\n");
        Problem p = problem(files.fails(a), "include cycle");
        assertEquals(
                "include cycle: " + a.toAbsolutePath() + " -> " + b.toAbsolutePath() + " -> " + a.toAbsolutePath(),
                p.message());
        assertEquals(at(b, "a.yaml"), p.location());
    }

    @Test
    void unknown_variables_suggest_close_names_and_list_the_known_ones() throws Exception {
        Path file = files.write(
                "e.yaml", "vars: {data: corpus}\n" + QUICKSTART.replace("[train.txt]", "[\"${dta}/train.txt\"]"));
        Problem p = problem(files.fails(file), "unknown variable 'dta'");
        assertEquals(at(file, "\"${dta}"), p.location());
        assertEquals(
                "did you mean 'data'? known variables: data, experiment.dir (and env.NAME for environment variables)",
                p.hint());
    }

    @Test
    void a_variable_cycle_and_a_missing_environment_variable_are_errors() throws Exception {
        Path file = files.write(
                "e.yaml",
                "vars: {a: '${b}', b: '${a}'}\n"
                        + QUICKSTART
                                .replace("[train.txt]", "['${a}']")
                                .replace("path: blimp.jsonl", "path: '${env.NOT_SET}'"));
        ExperimentException e = files.fails(file);
        assertEquals(
                at(file, "'${b}'"), problem(e, "variable cycle: a -> b -> a").location());
        assertEquals(
                at(file, "'${env.NOT_SET}'"),
                problem(e, "environment variable 'NOT_SET'").location());
    }

    @Test
    void zip_axes_of_different_lengths_are_an_error_naming_the_lengths() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + "sweep:\n  zip: {lr: [1, 2], warmup: [1, 2, 3]}\n");
        Problem p = problem(files.fails(file), "equal lengths");
        assertEquals("the axes under sweep.zip must have equal lengths: lr has 2, warmup has 3", p.message());
        assertEquals(at(file, "zip"), p.location());
    }

    @Test
    void an_unknown_sweep_axis_suggests_the_declared_ones() throws Exception {
        Path file = files.write(
                "e.yaml", QUICKSTART.replace("order: 3", "order: ${sweep.ordr}") + "sweep:\n  order: [2, 3]\n");
        Problem p = problem(files.fails(file), "unknown sweep axis 'ordr'");
        assertEquals(at(file, "${sweep.ordr}"), p.location());
        assertEquals("did you mean 'order'? sweep axes: order", p.hint());
    }

    @Test
    void an_unused_sweep_axis_and_an_unused_component_are_warnings() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + """
                tokenizers: {}
                curricula:
                  spare: {type: test-phases, datasets: [train]}
                sweep:
                  repeat: [1, 2]
                """);
        ExperimentDefinition def = files.load(file);
        assertEquals(2, def.trials().size());
        assertEquals(2, def.problems().size(), def.problems().toString());
        assertTrue(def.problems().stream().allMatch(p -> p.severity() == Severity.WARNING));
        assertEquals(
                at(file, "repeat"),
                def.problems().stream()
                        .filter(p -> p.message().contains("'repeat'"))
                        .findFirst()
                        .orElseThrow()
                        .location());
        Problem unused = def.problems().stream()
                .filter(p -> p.message().startsWith("curriculum:spare"))
                .findFirst()
                .orElseThrow();
        assertEquals(at(file, "{type: test-phases"), unused.location());
    }

    @Test
    void an_override_may_set_existing_keys_but_an_unknown_key_is_an_error_at_the_command_line() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART);
        assertEquals(7L, files.load(file, "seed=7").seed());
        Problem p = problem(files.fails(file, "seed=7", "models.ngram3.oder=4"), "unknown key 'oder'");
        assertEquals(new SourceLocation("<command line>", 2, 1), p.location());
        assertTrue(p.hint().startsWith("did you mean 'order'?"), p.hint());
        Problem value = problem(files.fails(file, "models.ngram3.order=[1, 2]"), "'order' expects an integer");
        assertEquals(new SourceLocation("<command line>", 1, 21), value.location());
    }

    @Test
    void a_misspelt_component_in_an_override_is_named_with_the_closest_and_every_bad_override_is_reported()
            throws Exception {
        Path file = files.write("e.yaml", QUICKSTART);
        ExperimentException e =
                files.fails(file, "models.ngram.order=4", "evaluate.with.blmp.path=x.jsonl", "models.ngram3.oder=4");
        Problem model = problem(e, "there is no model 'ngram'");
        assertEquals(new SourceLocation("<command line>", 1, 1), model.location());
        assertTrue(model.hint().startsWith("did you mean 'ngram3'?"), model.hint());
        assertTrue(
                e.problems().stream().noneMatch(p -> p.message().contains("type:")),
                "no 'has no type:' follow-up: " + e.problems());
        Problem evaluator = problem(e, "there is no evaluator 'blmp'");
        assertTrue(evaluator.hint().startsWith("did you mean 'blimp'?"), evaluator.hint());
        problem(e, "unknown key 'oder'");
        // A new nested config key of an existing component is still created (checked later like the file).
        assertEquals(7L, files.load(file, "seed=7", "models.ngram3.order=4").seed());
    }

    @Test
    void devices_store_and_report_are_read_from_the_top_level() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + """
                store: ../cache/store
                devices: {cpu_threads: 2, gpus: [{memory: 80GB}, 40GiB, 1024]}
                report: {title: "Study of ${experiment.dir}", figures: [bars]}
                """);
        ExperimentDefinition def = files.load(file);
        assertEquals(dir.toAbsolutePath().normalize().resolveSibling("cache/store"), def.storeDir());
        assertEquals(2, def.devices().cpuThreads());
        assertEquals(List.of(80_000_000_000L, 40L << 30, 1024L), def.devices().gpuMemoryBytes());
        assertEquals(
                Map.of("title", "Study of " + dir.toAbsolutePath().normalize(), "figures", List.of("bars")),
                def.report());
        assertNull(files.load(files.write("plain.yaml", QUICKSTART)).devices());
    }

    @Test
    void a_bad_gpu_memory_size_names_the_valid_units() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART + "devices: {gpus: [{memory: 80 gigs}]}\n");
        Problem p = problem(files.fails(file), "'80 gigs' is not a memory size");
        assertEquals(at(file, "80 gigs"), p.location());
        assertTrue(p.message().contains("KiB, MiB, GiB"), p.message());
    }

    @Test
    void evaluate_on_a_name_that_is_not_a_model_suggests_the_models() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("on: [ngram3]", "on: [ngram2]"));
        Problem p = problem(files.fails(file), "evaluate.on names 'ngram2'");
        assertEquals(at(file, "ngram2"), p.location());
        assertEquals("did you mean 'ngram3'? declared models and stages: ngram3", p.hint());
    }

    @Test
    void a_checkpoint_of_a_model_is_an_error_at_its_place_naming_the_stages() throws Exception {
        Path file = files.write("e.yaml", QUICKSTART.replace("on: [ngram3]", "on: [ngram3@10M]"));
        Problem p = problem(files.fails(file), "evaluate.on names 'ngram3@10M', but 'ngram3' is not a stage");
        assertEquals(at(file, "ngram3@10M"), p.location());
        assertTrue(p.hint().startsWith("'ngram3' is a model; only training stages keep checkpoints"), p.hint());
    }

    @Test
    void a_missing_experiment_name_and_an_invalid_one_are_errors() throws Exception {
        Path missing = files.write("e.yaml", QUICKSTART.replace("experiment: quickstart\n", ""));
        assertEquals(
                new SourceLocation(missing.toString(), 1, 1),
                problem(files.fails(missing), "missing required key 'experiment'")
                        .location());
        Path invalid = files.write("f.yaml", QUICKSTART.replace("experiment: quickstart", "experiment: Quick Start"));
        assertEquals(
                at(invalid, "Quick Start"),
                problem(files.fails(invalid), "experiment name must match").location());
    }
}
