package org.babylab.runtime.exec;

import static org.babylab.runtime.exec.fixtures.Experiments.basics;
import static org.babylab.runtime.exec.fixtures.Experiments.decl;
import static org.babylab.runtime.exec.fixtures.Experiments.experiment;
import static org.babylab.runtime.exec.fixtures.Experiments.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.FollowCurriculumStageFactory;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.TestCatalog;
import org.babylab.runtime.exec.fixtures.TestCurricula.InOrderConfig;
import org.babylab.runtime.exec.fixtures.UnigramModelFactory;
import org.babylab.runtime.internal.exec.DeviceInventory;
import org.babylab.runtime.internal.exec.Executor;
import org.babylab.runtime.internal.exec.ExecutorOptions;
import org.babylab.runtime.internal.exec.RunSummary;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.plan.KeyExplainer;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.Json;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running curriculum phases: what the stage is told, what is stored, what is reused. */
class CurriculumRunTest {
    private static final String PHASE_1 = "stage:tune phase 1/2 (extra)";

    @TempDir
    Path dir;

    private final Recorder recorder = new Recorder();
    private final TestCatalog catalog = TestCatalog.standard(recorder);
    private Store store;

    @BeforeEach
    void setUp() throws Exception {
        Experiments.writeCorpus(dir);
        store = new Store(dir.resolve("store"));
    }

    private ExperimentDefinition tune(InOrderConfig curriculum) {
        List<ComponentDecl> c = new ArrayList<>(basics());
        c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
        c.add(decl(ComponentKind.CURRICULUM, "steps", "in-order", curriculum));
        c.add(decl(
                ComponentKind.STAGE,
                "tune",
                "follow-curriculum",
                new FollowCurriculumStageFactory.Config("uni", "steps")));
        return experiment(dir, 3, List.of(trial(Map.of(), c, List.of("tune"))));
    }

    private Plan plan(ExperimentDefinition def) {
        return new Planner(catalog, store).plan(def);
    }

    private RunSummary run(Plan plan) {
        ExecutorOptions options = new ExecutorOptions(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false);
        return new Executor(catalog, store, DeviceInventory.of(new DeviceSpec(2, List.of())), options).run(plan);
    }

    private static PlannedStep step(Plan plan, String name) {
        return plan.stepNamed(name)
                .orElseThrow(() -> new AssertionError("no step " + name + " in "
                        + plan.steps().stream().map(PlannedStep::name).toList()));
    }

    @Test
    void each_phase_step_trains_on_its_manifest_in_order_and_stores_it() throws IOException {
        Plan plan = plan(tune(new InOrderConfig(List.of("extra", "heldout"))));
        RunSummary summary = run(plan);
        assertEquals(0, summary.failed(), summary.toString());

        // extra.txt: "a dog ran", "the dog ran"; heldout.txt: "the cat ran", "the dog sat".
        assertEquals(
                List.of(
                        "phase:phase 1/2 (extra):a dog ran,the dog ran",
                        "phase:phase 2/2 (heldout):the cat ran,the dog sat"),
                recorder.callLabels("phase:"));
        Path out = store.outputDir(step(plan, "stage:tune phase 2/2 (heldout)").key());
        @SuppressWarnings("unchecked")
        Map<String, Object> summaryFile = Json.read(out.resolve("curriculum-phase.json"), Map.class);
        assertEquals("steps", summaryFile.get("curriculum"));
        assertEquals(2, summaryFile.get("index"));
        assertEquals(
                step(plan, "stage:tune phase 2/2 (heldout)").phase().order().hash(), summaryFile.get("order_manifest"));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out.resolve("order-manifest.tsv.gz")))) {
            assertEquals("heldout\t0\nheldout\t1\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void a_curriculum_sharing_the_first_phase_reuses_its_checkpoint() {
        assertEquals(
                0,
                run(plan(tune(new InOrderConfig(List.of("extra", "heldout"))))).failed());
        RunSummary second = run(plan(tune(new InOrderConfig(List.of("extra", "corpus")))));
        assertEquals(0, second.failed(), second.toString());
        assertEquals(
                1,
                recorder.calls("phase:phase 1/2 (extra):a dog ran,the dog ran"),
                "phase 1 ran once for both curricula");
        assertTrue(
                recorder.callLabels("phase:phase 2/2 (corpus)").size() == 1,
                recorder.callLabels("phase:").toString());
    }

    @Test
    void explain_names_a_changed_order_manifest() {
        assertEquals(
                0,
                run(plan(tune(new InOrderConfig(List.of("extra", "heldout"))))).failed());
        Plan reversed = plan(tune(new InOrderConfig(List.of("extra", "heldout"), true, null)));
        String why = new KeyExplainer(store).explain(reversed, PHASE_1);
        assertTrue(why.contains("order manifest changed"), why);
        assertTrue(!why.contains("config @phase"), "the manifest change is named once, in words: " + why);
    }
}
