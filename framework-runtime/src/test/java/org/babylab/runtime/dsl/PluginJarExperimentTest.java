package org.babylab.runtime.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.PluginRegistry;
import org.babylab.runtime.Problem;
import org.babylab.runtime.internal.dsl.ExperimentLoader;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.registry.PluginJarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarExperimentTest {
    @TempDir
    Path temp;

    @Test
    void a_config_record_defined_in_an_isolated_plugin_jar_is_bound_with_its_defaults() throws Exception {
        Path plugins = temp.resolve("plugins");
        PluginJarBuilder.evaluatorPlugin("demo.bind", "demo", "demo-length", "BabyLabApi.VERSION")
                .build(temp.resolve("build"), plugins.resolve("demo.jar"));
        Path file = Files.writeString(temp.resolve("e.yaml"), """
                experiment: jar-config
                datasets:
                  train: {type: test-text, paths: [train.txt]}
                models:
                  ngram3: {type: test-ngram, train_on: train}
                evaluate:
                  on: [ngram3]
                  with:
                    length: {type: demo-length}
                    labelled: {type: demo-length, label: max}
                """);
        try (PluginRegistry registry = PluginRegistry.builder()
                .register(new DslTestPlugin())
                .addPluginDirectory(plugins)
                .build()) {
            assertEquals(List.of(), registry.problems());
            ExperimentDefinition def = new ExperimentLoader(registry, Map.of()).load(file, List.of());
            ComponentDecl length =
                    def.trials().get(0).find(ComponentKind.EVALUATOR, "length").orElseThrow();
            assertNotEquals(
                    getClass().getClassLoader(), length.config().getClass().getClassLoader());
            assertEquals(Map.of("label", "demo"), length.canonicalConfig());
            assertEquals(
                    Map.of("label", "max"),
                    def.trials()
                            .get(0)
                            .find(ComponentKind.EVALUATOR, "labelled")
                            .orElseThrow()
                            .canonicalConfig());
        }
    }

    @Test
    void the_unknown_type_of_a_refused_old_api_jar_says_which_jar_declared_it_and_why_it_was_refused()
            throws Exception {
        Path plugins = temp.resolve("plugins");
        PluginJarBuilder.evaluatorPlugin("demo.old", "old-lexdec", "lexical-decision", "\"0.1\"")
                .build(temp.resolve("build"), plugins.resolve("old-lexdec.jar"));
        Path file = Files.writeString(temp.resolve("e.yaml"), """
                experiment: refused
                datasets:
                  train: {type: test-text, paths: [train.txt]}
                models:
                  ngram3: {type: test-ngram, train_on: train}
                evaluate:
                  on: [ngram3]
                  with:
                    lexdec: {type: lexical-decision}
                """);
        try (PluginRegistry registry = PluginRegistry.builder()
                .register(new DslTestPlugin())
                .addPluginDirectory(plugins)
                .build()) {
            ExperimentException e = assertThrows(
                    ExperimentException.class, () -> new ExperimentLoader(registry, Map.of()).load(file, List.of()));
            String message = e.problems().stream().map(Problem::toString).reduce("", String::concat);
            assertTrue(
                    message.contains(
                                    "unknown type 'lexical-decision': evaluator type 'lexical-decision' is provided by plugin"
                                            + " 'old-lexdec' from old-lexdec.jar, which was refused: ")
                            && message.contains("compiled against BabyLab API 0.1"),
                    message);
        }
    }
}
