package org.babylab.runtime.dsl;

import static org.babylab.runtime.dsl.ExperimentFiles.at;
import static org.babylab.runtime.dsl.ExperimentFiles.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.model.Trial;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep: {seed: [...]}} sets each trial's seed; a component may have a {@code seed:} of its own. */
class SeedSweepDslTest {
    @TempDir
    Path dir;

    ExperimentFiles files;

    @BeforeEach
    void setUp() {
        files = new ExperimentFiles(dir, Map.of());
    }

    @Test
    void a_seed_axis_gives_one_trial_per_seed_without_an_unused_axis_warning() throws Exception {
        Path file = files.write("s.yaml", ExperimentLoaderTest.QUICKSTART + "sweep: {seed: [1, 2, 3]}\n");
        ExperimentDefinition def = files.load(file);

        assertEquals(
                List.of(1L, 2L, 3L),
                def.trials().stream().map(t -> t.seed(def.seed())).toList());
        assertEquals(
                List.of("seed=1", "seed=2", "seed=3"),
                def.trials().stream().map(Trial::label).toList());
        assertEquals(
                List.of(), def.problems(), "the seed axis is used by every seeded component, without ${sweep.seed}");
        assertEquals(
                42L,
                new Trial(Map.of(), List.of(), List.of()).seed(42),
                "without a seed axis a trial has the experiment's seed");
    }

    @Test
    void seed_values_must_be_integers() throws Exception {
        Path file = files.write("s.yaml", ExperimentLoaderTest.QUICKSTART + "sweep: {seed: [1, two]}\n");
        ExperimentException e = files.fails(file);

        var p = problem(e, "sweep axis 'seed' sets each trial's seed");
        assertEquals(at(file, "two]"), p.location());
        assertTrue(p.message().contains("two"), p.message());
    }

    @Test
    void a_component_seed_is_kept_apart_from_its_config() throws Exception {
        Path file = files.write(
                "s.yaml", ExperimentLoaderTest.QUICKSTART.replace("    order: 3", "    order: 3\n    seed: 5"));
        ExperimentDefinition def = files.load(file);

        var ngram = def.trials().get(0).find(ComponentKind.MODEL, "ngram3").orElseThrow();
        assertEquals(5L, ngram.seed());
        assertTrue(
                !ngram.canonicalConfig().containsKey("seed"),
                "the seed enters the key as its seed, not as config: " + ngram.canonicalConfig());
        assertNull(def.trials()
                .get(0)
                .find(ComponentKind.EVALUATOR, "blimp")
                .orElseThrow()
                .seed());
    }

    @Test
    void a_component_seed_must_be_an_integer() throws Exception {
        Path file = files.write(
                "s.yaml", ExperimentLoaderTest.QUICKSTART.replace("    order: 3", "    order: 3\n    seed: [1]"));
        ExperimentException e = files.fails(file);

        assertEquals(at(file, "[1]"), problem(e, "seed must be an integer").location());
    }

    @Test
    void the_top_level_seed_cannot_use_the_seed_axis_and_the_hint_says_why() throws Exception {
        Path file = files.write(
                "s.yaml",
                ExperimentLoaderTest.QUICKSTART.replace("seed: 42", "seed: ${sweep.seed}") + "sweep: {seed: [1, 2]}\n");
        ExperimentException e = files.fails(file);

        assertTrue(
                problem(e, "is used outside the components").hint().contains("sets each trial's seed by itself"),
                e.getMessage());
    }
}
