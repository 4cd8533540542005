package org.babylab.runtime.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.model.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example in {@code src/test/resources/dsl/study}, loaded as a user would write it. */
class ExampleStudyTest {
    @TempDir
    Path scratch;

    @Test
    void the_example_study_expands_to_four_trials_with_included_defaults() throws Exception {
        Path file = Path.of(
                ExampleStudyTest.class.getResource("/dsl/study/study.yaml").toURI());
        Path dir = file.getParent().toAbsolutePath().normalize();
        ExperimentDefinition def = new ExperimentFiles(scratch, Map.of()).load(file);

        assertEquals("curriculum-study", def.name());
        assertEquals(7, def.seed());
        assertEquals(dir.resolve(".babylab/store"), def.storeDir());
        assertEquals(List.of(80_000_000_000L), def.devices().gpuMemoryBytes());
        assertEquals(Map.of("title", "Curriculum study", "figures", List.of("bars", "zscores")), def.report());
        assertEquals(List.of(), def.problems(), def.problems().toString());
        assertEquals(
                List.of(
                        "curriculum=merged,lr=1.0E-4,warmup=100",
                        "curriculum=merged,lr=2.0E-4,warmup=200",
                        "curriculum=switch-then-wiki,lr=1.0E-4,warmup=100",
                        "curriculum=switch-then-wiki,lr=2.0E-4,warmup=200"),
                def.trials().stream().map(Trial::label).toList());

        Trial trial = def.trials().get(2);
        assertEquals(
                List.of(
                        "dataset:babylm_10m",
                        "dataset:wiki",
                        "model:ngram3",
                        "curriculum:merged",
                        "curriculum:switch-then-wiki",
                        "stage:pretrain",
                        "evaluator:blimp",
                        "evaluator:blimp-half"),
                trial.components().stream().map(ComponentDecl::id).toList());
        ComponentDecl pretrain = trial.find(ComponentKind.STAGE, "pretrain").orElseThrow();
        assertEquals(
                List.of("from -> ngram3", "curriculum -> switch-then-wiki"),
                pretrain.references().stream()
                        .map(r -> r.key() + " -> " + r.target())
                        .toList());
        assertEquals(
                Map.of("warmup", 100, "decay", "COSINE"),
                pretrain.canonicalConfig().get("schedule"));
        assertEquals(
                List.of(dir + "/data/wiki.txt"),
                trial.find(ComponentKind.DATASET, "wiki")
                        .orElseThrow()
                        .canonicalConfig()
                        .get("paths"));
        assertEquals(List.of("ngram3", "pretrain"), trial.evaluateOn());
    }
}
