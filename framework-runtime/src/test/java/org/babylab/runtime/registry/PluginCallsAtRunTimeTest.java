package org.babylab.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.spi.TokenizerFactory;
import org.babylab.runtime.PluginRegistry;
import org.babylab.runtime.exec.fixtures.LinesDatasetFactory;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.UnigramModelFactory;
import org.babylab.runtime.exec.fixtures.WordTokenizerFactory;
import org.babylab.runtime.internal.dsl.ExperimentLoader;
import org.babylab.runtime.internal.exec.DeviceInventory;
import org.babylab.runtime.internal.exec.Executor;
import org.babylab.runtime.internal.exec.ExecutorOptions;
import org.babylab.runtime.internal.exec.RunSummary;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.EvaluationOutputs;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plugin jar's code meets when the runtime calls it: its own class loader as the thread's
 * context loader, a clear message for a class it forgot to bundle, and the checks on what an
 * evaluator returns (a finite primary metric, JSON-valued predictions). The jar is compiled in the
 * test against framework-api alone and bundles a class named like Jackson's ObjectMapper, which the
 * runtime's own class path also has.
 */
class PluginCallsAtRunTimeTest {
    private static final String JACKSON = "com.fasterxml.jackson.databind.ObjectMapper";

    private static final String PLUGIN = """
            package ctx;

            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import org.babylab.api.BabyLabApi;
            import org.babylab.api.Plugin;
            import org.babylab.api.eval.EvaluationResult;
            import org.babylab.api.eval.Evaluator;
            import org.babylab.api.spi.EvaluatorFactory;
            import org.babylab.api.spi.ModelFactory;
            import org.babylab.api.step.ComponentContext;
            import org.babylab.api.step.ResourceRequest;

            public final class ProbePlugin implements Plugin {
                public record Config(String mode) {
                    public Config {
                        mode = mode == null ? "probe" : mode;
                        CONSTRUCTED = ownJackson();
                    }
                }

                static volatile double CONSTRUCTED = -2;
                static volatile double CHECKED = -2;
                static volatile double RESOURCES = -2;

                /** 1 when the context loader gives this jar's ObjectMapper, 0 for another one, -1 for none. */
                static double ownJackson() {
                    try {
                        Class<?> c = Class.forName("%s", false, Thread.currentThread().getContextClassLoader());
                        return c.getClassLoader() == ProbePlugin.class.getClassLoader() ? 1 : 0;
                    } catch (ClassNotFoundException e) {
                        return -1;
                    }
                }

                public static final class Factory implements EvaluatorFactory<Config> {
                    @Override public String type() { return "ctx-probe"; }
                    @Override public Class<Config> configType() { return Config.class; }
                    @Override public ResourceRequest resources(Config c) { RESOURCES = ownJackson(); return ResourceRequest.cpu(1); }
                    @Override public void check(Config c, ModelFactory<?> family) { CHECKED = ownJackson(); }
                    @Override public Evaluator create(Config config, ComponentContext context) {
                        double atCreate = ownJackson();
                        return (model, step) -> {
                            switch (config.mode()) {
                                case "nan" -> { return new EvaluationResult("accuracy", Map.of("accuracy", Double.NaN), Map.of(), 0); }
                                case "missing" -> { return new EvaluationResult("x", Map.of("x", (double) new lib.Helper().hashCode()), Map.of(), 1); }
                                case "object" -> step.predictions().accept(Map.of("where", java.nio.file.Path.of("/tmp")));
                                case "nulls" -> {
                                    Map<String, Object> p = new HashMap<>();
                                    p.put("item", "a");
                                    p.put("answer", null);
                                    p.put("scores", List.of(1.5, -2));
                                    step.predictions().accept(p);
                                }
                                default -> { }
                            }
                            return new EvaluationResult("at_evaluate", Map.of("at_evaluate", ownJackson(), "at_create", atCreate,
                                    "at_check", CHECKED, "at_config", CONSTRUCTED, "at_resources", RESOURCES), Map.of(), 1);
                        };
                    }
                }

                @Override public String name() { return "ctx-probe"; }
                @Override public String apiVersion() { return BabyLabApi.VERSION; }
                @Override public List<EvaluatorFactory<?>> evaluators() { return List.of(new Factory()); }
            }
            """.formatted(JACKSON);

    @TempDir
    Path temp;

    private final Recorder recorder = new Recorder();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /** The fixture dataset, tokenizer and model, as a class-path plugin would provide them. */
    private Plugin fixtures() {
        return new Plugin() {
            @Override
            public String name() {
                return "fixtures";
            }

            @Override
            public String apiVersion() {
                return BabyLabApi.VERSION;
            }

            @Override
            public List<DatasetFactory<?>> datasets() {
                return List.of(new LinesDatasetFactory(recorder));
            }

            @Override
            public List<TokenizerFactory<?>> tokenizers() {
                return List.of(new WordTokenizerFactory(recorder));
            }

            @Override
            public List<ModelFactory<?>> models() {
                return List.of(new UnigramModelFactory(recorder));
            }
        };
    }

    /** Builds the probe jar; with {@code withoutHelper} its {@code lib.Helper} class is left out, as an unbundled library would be. */
    private Path pluginDir(boolean withoutHelper) throws Exception {
        Path plugins = temp.resolve("plugins");
        Path jar = new PluginJarBuilder()
                .source("ctx.ProbePlugin", PLUGIN)
                .source("lib.Helper", "package lib; public final class Helper {}")
                .source(JACKSON, "package com.fasterxml.jackson.databind; public final class ObjectMapper {}")
                .service("ctx.ProbePlugin")
                .build(temp.resolve("build"), plugins.resolve("probe.jar"));
        if (withoutHelper) {
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
                Files.delete(zip.getPath("lib/Helper.class"));
            }
        }
        return plugins;
    }

    private record Outcome(RunSummary summary, Store store, PlannedStep probe, String console) {
        EvaluationResult metrics() throws Exception {
            return EvaluationOutputs.metrics(store, probe.key())
                    .orElseThrow(() -> new AssertionError("no metrics; " + summary + "\n" + console));
        }
    }

    private Outcome run(Path plugins, String mode) throws Exception {
        Files.writeString(temp.resolve("text.txt"), "the dog runs\nthe cat sleeps\n");
        Path yaml = Files.writeString(temp.resolve("study.yaml"), """
                experiment: context-loader
                datasets:
                  text: {type: lines, path: text.txt}
                tokenizers:
                  words: {type: words, train_on: text}
                models:
                  uni: {type: unigram, tokenizer: words, train_on: text}
                evaluate:
                  on: [uni]
                  with:
                    probe: {type: ctx-probe, mode: %s}
                """.formatted(mode));
        try (PluginRegistry registry = PluginRegistry.builder()
                .register(fixtures())
                .addPluginDirectory(plugins)
                .build()) {
            assertEquals(List.of(), registry.problems());
            ExperimentDefinition def = new ExperimentLoader(registry, Map.of()).load(yaml, List.of());
            Store store = new Store(temp.resolve("store"));
            Plan plan = new Planner(registry, store).plan(def);
            PlannedStep probe = plan.steps().stream()
                    .filter(s -> s.name().contains("probe"))
                    .findFirst()
                    .orElseThrow();
            ExecutorOptions options =
                    new ExecutorOptions(new PrintStream(console, true, StandardCharsets.UTF_8), false, false);
            RunSummary summary =
                    new Executor(registry, store, DeviceInventory.of(new DeviceSpec(1, List.of())), options).run(plan);
            return new Outcome(summary, store, probe, console.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void every_call_into_a_plugin_sees_the_plugins_own_bundled_library_through_the_context_class_loader()
            throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Outcome o = run(pluginDir(false), "probe");
        assertEquals(0, o.summary().failed(), o.console());
        Map<String, Double> m = o.metrics().metrics();
        // 1.0 everywhere: not the runtime's Jackson (0.0), which the test's own class path holds.
        assertEquals(
                Map.of("at_evaluate", 1.0, "at_create", 1.0, "at_check", 1.0, "at_config", 1.0, "at_resources", 1.0),
                m);
        assertSame(before, Thread.currentThread().getContextClassLoader(), "the caller's context loader is restored");
    }

    @Test
    void a_class_missing_from_a_plugin_jar_fails_the_step_naming_the_jar_the_class_and_the_remedy() throws Exception {
        Outcome o = run(pluginDir(true), "missing");
        assertEquals(1, o.summary().failed(), o.console());
        String message = o.summary().failures().get(0).message();
        assertTrue(
                message.contains("probe.jar")
                        && message.contains("needs class lib.Helper")
                        && message.contains(
                                "bundle the library in your plugin jar (shade) or use only org.babylab.api"),
                message);
        assertFalse(message.startsWith("NoClassDefFoundError"), message);
    }

    @Test
    void a_nan_primary_metric_fails_the_step_naming_the_evaluator_and_nothing_is_cached() throws Exception {
        Outcome o = run(pluginDir(false), "nan");
        assertEquals(1, o.summary().failed(), o.console());
        String message = o.summary().failures().get(0).message();
        assertTrue(
                message.contains("evaluator 'probe' (type ctx-probe)") && message.contains("accuracy = NaN"), message);
        assertFalse(o.store().isComplete(o.probe().key()), "a failed evaluation is not published");
    }

    @Test
    void predictions_keep_null_values() throws Exception {
        Outcome o = run(pluginDir(false), "nulls");
        assertEquals(0, o.summary().failed(), o.console());
        String jsonl = Files.readString(o.store().outputDir(o.probe().key()).resolve("predictions.jsonl"));
        assertEquals("{\"answer\":null,\"item\":\"a\",\"scores\":[1.5,-2]}\n", jsonl);
    }

    @Test
    void a_prediction_holding_an_object_that_is_not_a_json_value_fails_the_step_naming_the_key() throws Exception {
        Outcome o = run(pluginDir(false), "object");
        assertEquals(1, o.summary().failed(), o.console());
        String message = o.summary().failures().get(0).message();
        assertTrue(
                message.contains("prediction key 'where' holds a ")
                        && message.contains("strings, numbers, booleans, null"),
                message);
    }
}
