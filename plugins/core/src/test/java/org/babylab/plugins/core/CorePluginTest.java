package org.babylab.plugins.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.babylab.api.Plugin;
import org.babylab.api.data.Dataset;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.LoadContext;
import org.babylab.plugins.core.ngram.NgramConfig;
import org.babylab.plugins.core.ngram.NgramFactory;
import org.babylab.plugins.core.text.DocumentUnit;
import org.babylab.plugins.core.text.TextDatasetConfig;
import org.babylab.plugins.core.text.TextDatasetFactory;
import org.babylab.plugins.core.text.TextFormat;
import org.babylab.testkit.PluginChecks;
import org.babylab.testkit.TestStepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorePluginTest {
    /** Binds YAML-like maps the way the runtime does: snake_case keys, unknown keys fail. */
    private static final ObjectMapper BINDER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void plugin_is_well_formed_and_found_by_the_service_loader() {
        PluginChecks.assertWellFormed(new CorePlugin());
        assertTrue(ServiceLoader.load(Plugin.class).stream().anyMatch(p -> p.type() == CorePlugin.class));
        assertEquals(
                List.of("text"),
                new CorePlugin().datasets().stream().map(f -> f.type()).toList());
        assertEquals(
                List.of("ngram"),
                new CorePlugin().models().stream().map(f -> f.type()).toList());
    }

    @Test
    void configs_bind_from_snake_case_keys_with_lower_case_enum_values() throws Exception {
        TextDatasetConfig text = BINDER.convertValue(
                Map.of(
                        "paths",
                        List.of("a/*.jsonl"),
                        "format",
                        "jsonl",
                        "text_field",
                        "sentence_good",
                        "max_examples",
                        5),
                TextDatasetConfig.class);
        assertEquals(TextFormat.JSONL, text.format());
        assertEquals("sentence_good", text.textField());
        assertEquals(DocumentUnit.LINE, text.unit());
        assertEquals(5, text.maxExamples());
        assertEquals("jsonl", BINDER.valueToTree(text).get("format").asText(), "serialised back as written in YAML");

        TextDatasetConfig single = BINDER.convertValue(Map.of("paths", "corpus/*.train"), TextDatasetConfig.class);
        assertEquals(List.of("corpus/*.train"), single.paths(), "one pattern may be a plain string");

        NgramConfig ngram = BINDER.convertValue(Map.of("train_on", "corpus", "min_count", 3), NgramConfig.class);
        assertEquals(new NgramConfig("corpus", 3, 3, false), ngram);

        Exception badEnum = assertThrows(
                Exception.class,
                () -> BINDER.convertValue(Map.of("paths", List.of("a"), "unit", "sentence"), TextDatasetConfig.class));
        assertTrue(
                badEnum.getMessage().contains("unit 'sentence' is not one of line, paragraph, file"),
                badEnum.getMessage());
        Exception badOrder = assertThrows(
                Exception.class, () -> BINDER.convertValue(Map.of("train_on", "c", "order", 11), NgramConfig.class));
        assertTrue(badOrder.getMessage().contains("order must be between 1 and 10, got 11"), badOrder.getMessage());
    }

    @Test
    void an_ngram_trained_from_a_text_dataset_is_saved_and_loaded_by_its_factory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("train.txt"), "the dog runs .\nthe cat runs .\nwhere is the dog ?\n");
        Dataset data = new TextDatasetFactory()
                .create(
                        TextDatasetConfig.of("train.txt"),
                        TestStepContext.builder(dir).build());
        TestStepContext ctx =
                TestStepContext.builder(dir).dataset("corpus", data).build();
        NgramFactory factory = new NgramFactory();
        NgramConfig config = new NgramConfig("corpus", 3, 1, null);
        try (LanguageModel model = factory.create(config, ctx)) {
            model.save(ctx.outputDir());
            LoadContext load = () -> DeviceLease.cpuOnly(1);
            try (LanguageModel back = factory.load(config, ctx.outputDir(), load)) {
                int[] ids = back.tokenizer().encode("the dog runs .").ids();
                assertArrayEquals(
                        model.logProbs(List.of(ids)).get(0),
                        back.logProbs(List.of(ids)).get(0));
            }
        }
        assertTrue(
                ctx.logLines().stream().anyMatch(l -> l.startsWith("trained NgramModel[order=3")),
                ctx.logLines().toString());
    }
}
