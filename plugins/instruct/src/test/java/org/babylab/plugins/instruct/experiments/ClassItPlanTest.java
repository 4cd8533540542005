package org.babylab.plugins.instruct.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jerolba.carpet.CarpetWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.babylab.plugins.core.CorePlugin;
import org.babylab.plugins.instruct.InstructPlugin;
import org.babylab.runtime.PluginRegistry;
import org.babylab.runtime.internal.dsl.ExperimentLoader;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlanPrinter;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.schema.SchemaGenerator;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans {@code experiments/class-it.yaml} and {@code experiments/class-it-mini.yaml} as the CLI would,
 * with the real instruct and core plugins and plan-only stand-ins for the llama plugin's types, the
 * evaluators and the not-yet-written {@code instruction-tune} stage.
 */
class ClassItPlanTest {
    @TempDir
    Path dir;

    record ClassItRow(String prompt, String reply, String source) {}

    private static Path experiments() {
        return Path.of(System.getProperty("babylab.project.dir", "../.."), "experiments")
                .toAbsolutePath()
                .normalize();
    }

    private Plan plan(Path file, List<String> overrides) {
        PluginRegistry registry = PluginRegistry.builder()
                .register(new CorePlugin())
                .register(new InstructPlugin())
                .register(new PlanOnlyPlugin())
                .build();
        assertEquals(List.of(), registry.problems(), "the plugins load cleanly");
        ExperimentDefinition def = new ExperimentLoader(registry, Map.of()).load(file, overrides);
        assertEquals(List.of(), def.problems(), def.problems().toString());
        return new Planner(registry, new Store(dir.resolve("store"))).plan(def);
    }

    private void parquet(Path file, List<ClassItRow> rows) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file);
                CarpetWriter<ClassItRow> w = new CarpetWriter<>(out, ClassItRow.class)) {
            w.write(rows);
        }
    }

    private static long count(Plan plan, java.util.function.Predicate<PlannedStep> p) {
        return plan.steps().stream().filter(p).count();
    }

    @Test
    void class_it_pretrains_each_model_once_and_plans_each_curriculum_phase_once() throws IOException {
        parquet(
                dir.resolve("class_it/switchboard/train-00000.parquet"),
                List.of(
                        new ClassItRow("how are you", "fine", "switchboard"),
                        new ClassItRow("and you", "good", "switchboard"),
                        new ClassItRow("bye", "see you", "switchboard")));
        parquet(
                dir.resolve("class_it/simple_wiki/train-00000.parquet"),
                List.of(
                        new ClassItRow("what is a cat", "an animal", "simple_wiki"),
                        new ClassItRow("what is rain", "water", "simple_wiki")));
        Files.createDirectories(dir.resolve("babylm"));
        Files.writeString(dir.resolve("babylm/a.train"), "the cat sat\nthe dog ran\n");

        Plan plan = plan(
                experiments().resolve("class-it.yaml"),
                List.of(
                        "vars.class_it=" + dir.resolve("class_it"),
                        "vars.babylm=" + dir.resolve("babylm") + "/*.train"));

        assertEquals(6, plan.trialSteps().size());
        assertEquals(2, count(plan, s -> s.baseName().equals("tokenizer:bpe")));
        assertEquals(2, count(plan, s -> s.baseName().equals("model:base")));
        assertEquals(
                2,
                count(plan, s -> s.baseName().equals("stage:pretrain")),
                "each model is pretrained once for its 3 curricula");
        assertEquals(
                10, count(plan, s -> s.phase() != null), "per model: merged 1 + two sequential curricula x 2 phases");
        for (String first : List.of(
                "stage:instruct phase 1/2 (switchboard)",
                "stage:instruct phase 1/2 (wiki)",
                "stage:instruct phase 1/1 (switchboard+wiki)")) {
            assertEquals(2, count(plan, s -> s.baseName().equals(first)), first + " once per model");
        }
        // Phase 1 of switchboard-then-wiki: 3 records x 10 epochs.
        PlannedStep first = plan.steps().stream()
                .filter(s -> s.baseName().equals("stage:instruct phase 1/2 (switchboard)"))
                .findFirst()
                .orElseThrow();
        assertEquals(30, first.phase().order().size());
        assertTrue(first.inputs().containsKey("chat"), "the chat template is an input of every phase");
        // Per model: tokenizer, model, pretrain, 5 phases, 12 evaluators (5 zero-shot, 7 fine-tuning) x (pretrain + 3
        // instruct ends).
        assertEquals(2 * (3 + 5 + 48), plan.steps().size());
        String tree = PlanPrinter.tree(plan, new Store(dir.resolve("store")));
        assertTrue(
                tree.contains(
                        "sharing between trials saved 60 step(s), of which 8 training step(s) (models and stages)"),
                tree);
    }

    @Test
    void a_misspelt_dataset_inside_a_sequential_phase_is_reported_where_it_is_written() throws IOException {
        Files.writeString(dir.resolve("sw.jsonl"), "{\"prompt\": \"a\", \"reply\": \"b\"}\n");
        Path file = dir.resolve("typo.yaml");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "experiment: typo",
                        "datasets:",
                        "  switchboard: {type: instructions, path: sw.jsonl}",
                        "curricula:",
                        "  seq: {type: sequential, phases: [switchbord]}",
                        ""));
        PluginRegistry registry =
                PluginRegistry.builder().register(new InstructPlugin()).build();
        org.babylab.runtime.ExperimentException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.babylab.runtime.ExperimentException.class,
                () -> new ExperimentLoader(registry, Map.of()).load(file, List.of()));
        String message = e.getMessage();
        assertTrue(
                message.contains("typo.yaml:5") && message.contains("switchbord") && message.contains("switchboard"),
                message);
    }

    @Test
    void the_schema_describes_chat_templates_and_phases_written_as_names() {
        PluginRegistry registry =
                PluginRegistry.builder().register(new InstructPlugin()).build();
        com.fasterxml.jackson.databind.node.ObjectNode schema = SchemaGenerator.generate(registry);
        assertTrue(
                schema.get("properties").has("chat_templates"),
                schema.get("properties").toString());
        String phase = schema.get("$defs")
                .get("curriculum.sequential")
                .get("properties")
                .get("phases")
                .toString();
        assertTrue(phase.contains("\"string\"") && phase.contains("PhaseSpec"), phase);
    }

    @Test
    void class_it_mini_plans_on_the_quickstart_data() {
        Path quickstart = experiments().resolve("data/quickstart/instructions/conversation.jsonl");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isRegularFile(quickstart), "quickstart data not generated: skipping");
        Plan plan = plan(experiments().resolve("class-it-mini.yaml"), List.of());

        assertEquals(2, count(plan, s -> s.baseName().equals("stage:pretrain")));
        PlannedStep merged = plan.steps().stream()
                .filter(s -> s.baseName().equals("stage:instruct phase 1/1 (switchboard+wiki)"))
                .findFirst()
                .orElseThrow();
        // 1000 conversation + 1000 qa records, 2 epochs; the source filter splits one glob into the two datasets.
        assertEquals(4000, merged.phase().order().size());
        assertEquals(2000, merged.phase().order().count("switchboard"));
        assertEquals(
                Map.of(),
                plan.steps().stream()
                        .filter(s -> s.phase() != null && s.trials().size() > 1)
                        .collect(Collectors.toMap(
                                PlannedStep::name, s -> s.trials().size())),
                "no two curricula of this grid begin alike");
    }
}
