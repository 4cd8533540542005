package org.babylab.plugins.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.babylab.api.Plugin;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.plugins.eval.tasks.MinimalPairsConfig;
import org.babylab.plugins.eval.tasks.PathConfig;
import org.babylab.plugins.eval.tasks.ZippedTaskConfig;
import org.babylab.testkit.PluginChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorsPluginTest {
    @TempDir
    Path dir;

    @Test
    void the_plugin_is_well_formed_and_found_by_the_service_loader() {
        PluginChecks.assertWellFormed(new EvaluatorsPlugin());
        assertTrue(ServiceLoader.load(Plugin.class).stream().anyMatch(p -> p.type() == EvaluatorsPlugin.class));
    }

    @Test
    void every_task_has_its_type_id() {
        List<String> types = new EvaluatorsPlugin()
                .evaluators().stream().map(ComponentFactory::type).toList();
        assertEquals(
                List.of(
                        "minimal-pairs",
                        "blimp",
                        "ewok",
                        "entity-tracking",
                        "wug-adjectives",
                        "reading-times",
                        "dialogue-pairs",
                        "glue"),
                types);
    }

    @Test
    void configs_reject_a_missing_path_and_a_bad_tie_rule_naming_the_key() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MinimalPairsConfig(null, null))
                .getMessage()
                .startsWith("path:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MinimalPairsConfig("x", "draw"))
                .getMessage()
                .startsWith("ties:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ZippedTaskConfig(" ", null, null))
                .getMessage()
                .startsWith("path:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PathConfig(""))
                .getMessage()
                .startsWith("path:"));
        assertEquals("wrong", new MinimalPairsConfig("x", null).ties());
        assertEquals("gold", new MinimalPairsConfig("x", "GOLD").ties());
    }

    @Test
    void input_files_are_the_files_actually_read() throws Exception {
        Path a = Fixtures.write(dir.resolve("mp/a.jsonl"), "{}");
        Path b = Fixtures.write(dir.resolve("mp/b.jsonl"), "{}");
        Fixtures.write(dir.resolve("mp/readme.md"), "x");
        Path zip = Fixtures.encryptedZip(dir.resolve("e.zip"), "p", java.util.Map.of("e/x.jsonl", "{}"));
        var factories = new EvaluatorsPlugin().evaluators();
        @SuppressWarnings("unchecked")
        var mp = (ComponentFactory<MinimalPairsConfig>) factories.get(0);
        assertEquals(List.of(a, b), mp.inputFiles(new MinimalPairsConfig("mp", null), dir));
        @SuppressWarnings("unchecked")
        var ewok = (ComponentFactory<ZippedTaskConfig>) factories.get(2);
        assertEquals(List.of(zip), ewok.inputFiles(new ZippedTaskConfig("e.zip", "p", null), dir));
        @SuppressWarnings("unchecked")
        var wug = (ComponentFactory<PathConfig>) factories.get(4);
        assertThrows(
                java.nio.file.NoSuchFileException.class, () -> wug.inputFiles(new PathConfig("missing.jsonl"), dir));
    }
}
