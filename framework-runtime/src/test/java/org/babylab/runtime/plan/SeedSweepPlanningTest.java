package org.babylab.runtime.plan;

import static org.babylab.runtime.exec.fixtures.Experiments.basics;
import static org.babylab.runtime.exec.fixtures.Experiments.decl;
import static org.babylab.runtime.exec.fixtures.Experiments.experiment;
import static org.babylab.runtime.exec.fixtures.Experiments.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.exec.fixtures.AddCountsStageFactory;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.TestCatalog;
import org.babylab.runtime.exec.fixtures.UnigramModelFactory;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.model.Trial;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A swept {@code seed} keys every seeded step by the trial's seed, so n seeds are n trained models,
 * while steps whose factory does not use the seed (here the word tokenizer, the unigram model and
 * the mean-logprob evaluation of it) are planned once; a component's own seed wins over the trial's.
 */
class SeedSweepPlanningTest {
    private static final long EXPERIMENT_SEED = 7;

    @TempDir
    Path dir;

    private Store store;

    @BeforeEach
    void setUp() throws Exception {
        Experiments.writeCorpus(dir);
        store = new Store(dir.resolve("store"));
    }

    /** Trials {@code seed=s} for each of {@code seeds}; the stage has its own seed when {@code stageSeed} is not null. */
    private Plan plan(List<Long> seeds, Long stageSeed) {
        List<Trial> trials = new ArrayList<>();
        for (Long seed : seeds) {
            List<ComponentDecl> c = new ArrayList<>(basics());
            c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
            ComponentDecl stage =
                    decl(ComponentKind.STAGE, "more", "add-counts", new AddCountsStageFactory.Config("uni", "extra"));
            c.add(new ComponentDecl(
                    stage.kind(),
                    stage.name(),
                    stage.type(),
                    stage.config(),
                    stage.canonicalConfig(),
                    stage.references(),
                    stage.location(),
                    stageSeed));
            trials.add(trial(seed == null ? Map.of() : Map.of(Trial.SEED_AXIS, seed), c, List.of("uni", "more")));
        }
        ExperimentDefinition def = experiment(dir, EXPERIMENT_SEED, trials);
        return new Planner(TestCatalog.standard(new Recorder()), store).plan(def);
    }

    private static List<PlannedStep> named(Plan plan, String baseName) {
        return plan.steps().stream().filter(s -> s.baseName().equals(baseName)).toList();
    }

    private static Set<Long> seeds(List<PlannedStep> steps) {
        return steps.stream().map(s -> s.keyDocument().seed()).collect(Collectors.toSet());
    }

    @Test
    void each_seed_is_its_own_seeded_step_and_unseeded_steps_are_shared() {
        Plan plan = plan(List.of(1L, 2L, 3L), null);

        List<PlannedStep> stages = named(plan, "stage:more");
        assertEquals(
                3,
                stages.size(),
                "three seeds, three trained stages: "
                        + plan.steps().stream().map(PlannedStep::name).toList());
        assertEquals(
                Set.of(
                        Planner.seedOf(1, ComponentKind.STAGE, "more"),
                        Planner.seedOf(2, ComponentKind.STAGE, "more"),
                        Planner.seedOf(3, ComponentKind.STAGE, "more")),
                seeds(stages),
                "the stage's seed derives from the trial's");
        assertEquals(3, named(plan, "eval:lp on more").size(), "each trained stage is evaluated");
        for (String shared : List.of("tokenizer:words", "model:uni", "eval:lp on uni")) {
            assertEquals(
                    1, named(plan, shared).size(), shared + " does not use the seed, so one step serves every seed");
        }
        assertEquals(
                Set.of(Planner.seedOf(EXPERIMENT_SEED, ComponentKind.MODEL, "uni")),
                seeds(named(plan, "model:uni")),
                "a step that does not use the seed keeps the experiment's in its key, as without a sweep");
    }

    @Test
    void a_trial_seed_equal_to_the_experiment_seed_reuses_the_unswept_steps() {
        Plan unswept = plan(java.util.Collections.singletonList(null), null);
        Plan swept = plan(List.of(EXPERIMENT_SEED, 8L), null);

        String stage = named(unswept, "stage:more").get(0).key();
        assertEquals(
                1,
                named(swept, "stage:more").stream()
                        .filter(s -> s.key().equals(stage))
                        .count(),
                "seed=" + EXPERIMENT_SEED + " is the unswept experiment, so its stage is the same step");
    }

    @Test
    void a_component_seed_wins_over_the_trial_seed() {
        Plan plan = plan(List.of(1L, 2L, 3L), 99L);

        List<PlannedStep> stages = named(plan, "stage:more");
        assertEquals(1, stages.size(), "every trial's stage has seed 99, so they are one step");
        assertEquals(Set.of(Planner.seedOf(99, ComponentKind.STAGE, "more")), seeds(stages));
    }
}
