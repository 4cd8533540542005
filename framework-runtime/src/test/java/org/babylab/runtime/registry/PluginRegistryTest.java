package org.babylab.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.babylab.api.BabyLabApi;
import org.babylab.api.ComponentKind;
import org.babylab.api.Plugin;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.runtime.PluginOrigin;
import org.babylab.runtime.PluginRegistry;
import org.babylab.runtime.Problem;
import org.babylab.runtime.RegisteredFactory;
import org.babylab.runtime.Severity;
import org.babylab.runtime.internal.registry.CodeDigests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
    @TempDir
    Path temp;

    /** A loader that adds the test resource directory holding a services file for {@link ClassPathTestPlugin}. */
    private static URLClassLoader classPathWithServiceFile() {
        URL dir = PluginRegistryTest.class.getClassLoader().getResource("registry/classpath/");
        return new URLClassLoader(new URL[] {dir}, PluginRegistryTest.class.getClassLoader());
    }

    private static String messages(PluginRegistry registry) {
        return registry.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void plugins_listed_in_a_class_path_service_file_are_discovered_with_a_class_directory_digest() throws Exception {
        try (URLClassLoader loader = classPathWithServiceFile();
                PluginRegistry registry =
                        PluginRegistry.builder().discoverClassPath(loader).build()) {
            assertEquals(List.of(), registry.problems());
            ComponentFactory<?> f = registry.factory(ComponentKind.EVALUATOR, ClassPathTestPlugin.TYPE)
                    .orElseThrow();
            PluginOrigin origin = registry.origin(f);
            assertEquals("class path", origin.location());
            assertEquals("classpath-test", origin.pluginName());
            assertEquals(BabyLabApi.VERSION, origin.apiVersion());
            Path testClasses = Path.of(ClassPathTestPlugin.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            assertEquals(CodeDigests.ofDirectory(testClasses), origin.codeDigest());
            assertEquals(List.of(ClassPathTestPlugin.TYPE), registry.types(ComponentKind.EVALUATOR));
        }
    }

    @Test
    void an_explicitly_registered_plugin_is_listed_with_origin_registered() {
        try (PluginRegistry registry =
                PluginRegistry.builder().register(new ClassPathTestPlugin()).build()) {
            List<RegisteredFactory> all = registry.all();
            assertEquals(1, all.size());
            RegisteredFactory row = all.get(0);
            assertEquals(ComponentKind.EVALUATOR, row.kind());
            assertEquals("vocab-size", row.type());
            assertEquals("1", row.version());
            assertEquals("reports the vocabulary size", row.description());
            assertEquals("registered", row.origin().location());
            assertTrue(
                    row.origin().codeDigest().matches("[0-9a-f]{64}"),
                    row.origin().codeDigest());
        }
    }

    @Test
    void a_type_id_provided_twice_is_an_error_naming_both_origins_and_the_first_one_is_kept() throws Exception {
        Plugin second = new ClassPathTestPlugin();
        try (URLClassLoader loader = classPathWithServiceFile();
                PluginRegistry registry = PluginRegistry.builder()
                        .discoverClassPath(loader)
                        .register(second)
                        .build()) {
            assertEquals(1, registry.problems().size(), messages(registry));
            Problem p = registry.problems().get(0);
            assertEquals(Severity.ERROR, p.severity());
            assertTrue(p.message().contains("evaluator type 'vocab-size' is provided twice"), p.message());
            assertTrue(p.message().contains("from class path") && p.message().contains("from registered"), p.message());
            ComponentFactory<?> kept =
                    registry.factory(ComponentKind.EVALUATOR, "vocab-size").orElseThrow();
            assertEquals("class path", registry.origin(kept).location());
        }
    }

    @Test
    void a_config_whose_values_method_throws_is_refused_at_load_time_naming_the_method() {
        try (PluginRegistry registry = PluginRegistry.builder()
                .register(MalformedPlugins.withFailingPresetValues())
                .register(MalformedPlugins.withTypeId("fine", "fine-curriculum"))
                .build()) {
            String all = messages(registry);
            assertEquals(1, registry.problems().size(), all);
            assertTrue(all.contains("config FailingPresets cannot be described"), all);
            assertTrue(
                    all.contains(
                            "FailingPresets.presetValues() failed: java.lang.IllegalStateException: preset table missing"),
                    all);
            assertEquals(List.of("fine-curriculum"), registry.types(ComponentKind.CURRICULUM));
        }
    }

    @Test
    void malformed_plugins_are_each_reported_and_skipped_while_the_others_load() {
        try (PluginRegistry registry = PluginRegistry.builder()
                .register(MalformedPlugins.withTypeId("bad-id", "Bad_Type"))
                .register(MalformedPlugins.withNonRecordConfig())
                .register(MalformedPlugins.withRefOnInteger())
                .register(MalformedPlugins.withApiVersion("garbled", "zero.one"))
                .register(MalformedPlugins.withTypeComponent())
                .register(MalformedPlugins.withTypeId("fine", "fine-curriculum"))
                .build()) {
            String all = messages(registry);
            assertEquals(5, registry.problems().size(), all);
            assertTrue(all.contains("has a component named 'type'"), all);
            assertTrue(all.contains("invalid type id 'Bad_Type'"), all);
            assertTrue(all.contains("configType() java.lang.StringBuilder, which is not a record class"), all);
            assertTrue(all.contains("component 'data' is annotated @Ref but has type java.lang.Integer"), all);
            assertTrue(all.contains("unparseable API version 'zero.one'"), all);
            assertEquals(List.of("fine-curriculum"), registry.types(ComponentKind.CURRICULUM));
        }
    }

    @Test
    void a_plugin_jar_is_loaded_in_isolation_from_the_runtime_class_path() throws Exception {
        Path plugins = temp.resolve("plugins");
        Path jar = PluginJarBuilder.evaluatorPlugin("demo.ok", "demo", "demo-length", "BabyLabApi.VERSION")
                .build(temp.resolve("build"), plugins.resolve("demo.jar"));
        try (PluginRegistry registry =
                PluginRegistry.builder().addPluginDirectory(plugins).build()) {
            assertEquals(List.of(), registry.problems(), messages(registry));
            ComponentFactory<?> f =
                    registry.factory(ComponentKind.EVALUATOR, "demo-length").orElseThrow();
            PluginOrigin origin = registry.origin(f);
            assertEquals(jar.toString(), origin.location());
            assertEquals(CodeDigests.ofJar(jar), origin.codeDigest());

            ClassLoader pluginLoader = f.getClass().getClassLoader();
            assertNotEquals(PluginRegistryTest.class.getClassLoader(), pluginLoader);
            // The runtime has Jackson; the plugin must not see it.
            Class.forName(
                    "com.fasterxml.jackson.databind.ObjectMapper", false, PluginRegistryTest.class.getClassLoader());
            assertThrows(
                    ClassNotFoundException.class,
                    () -> Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, pluginLoader));
            assertThrows(
                    ClassNotFoundException.class,
                    () -> Class.forName(PluginRegistry.class.getName(), false, pluginLoader));
            // ...but shares the API classes, or the runtime could not call it.
            assertSame(Plugin.class, Class.forName(Plugin.class.getName(), false, pluginLoader));
        }
    }

    @Test
    void a_jar_compiled_against_an_incompatible_api_is_refused_naming_both_versions() throws Exception {
        Path plugins = temp.resolve("plugins");
        Path jar = PluginJarBuilder.evaluatorPlugin("demo.future", "future", "future-eval", "\"9.9\"")
                .build(temp.resolve("build"), plugins.resolve("future.jar"));
        try (PluginRegistry registry =
                PluginRegistry.builder().addPluginDirectory(plugins).build()) {
            assertEquals(1, registry.problems().size(), messages(registry));
            Problem p = registry.problems().get(0);
            assertEquals(jar.toString(), p.location().file());
            assertTrue(p.message().contains("compiled against BabyLab API 9.9"), p.message());
            assertTrue(p.message().contains("this runtime provides API " + BabyLabApi.VERSION), p.message());
            assertTrue(p.message().contains(jar.toString()), p.message());
            assertTrue(registry.types(ComponentKind.EVALUATOR).isEmpty());
        }
    }

    @Test
    void a_jar_without_a_service_file_is_an_error_naming_the_jar_and_the_missing_file() throws Exception {
        Path plugins = temp.resolve("plugins");
        Path jar = PluginJarBuilder.evaluatorPlugin("demo.noservice", "n", "n-eval", "BabyLabApi.VERSION")
                .withoutServiceFile()
                .build(temp.resolve("build"), plugins.resolve("noservice.jar"));
        try (PluginRegistry registry =
                PluginRegistry.builder().addPluginDirectory(plugins).build()) {
            assertEquals(1, registry.problems().size(), messages(registry));
            String m = registry.problems().get(0).message();
            assertTrue(m.contains(jar.toString()) && m.contains("META-INF/services/org.babylab.api.Plugin"), m);
        }
    }

    @Test
    void a_plugin_class_whose_constructor_throws_is_reported_with_class_jar_and_cause() throws Exception {
        Path plugins = temp.resolve("plugins");
        String source = """
                package demo.boom;
                public final class BoomPlugin implements org.babylab.api.Plugin {
                    public BoomPlugin() { throw new IllegalStateException("no config file found"); }
                    @Override public String name() { return "boom"; }
                    @Override public String apiVersion() { return org.babylab.api.BabyLabApi.VERSION; }
                }
                """;
        Path jar = new PluginJarBuilder()
                .source("demo.boom.BoomPlugin", source)
                .service("demo.boom.BoomPlugin")
                .build(temp.resolve("build"), plugins.resolve("boom.jar"));
        try (PluginRegistry registry =
                PluginRegistry.builder().addPluginDirectory(plugins).build()) {
            assertEquals(1, registry.problems().size(), messages(registry));
            String m = registry.problems().get(0).message();
            assertTrue(m.contains("demo.boom.BoomPlugin"), m);
            assertTrue(m.contains(jar.toString()), m);
            assertTrue(m.contains("no config file found"), m);
        }
    }

    @Test
    void a_service_file_naming_a_missing_class_is_reported_once_and_the_valid_entries_still_load() throws Exception {
        Path plugins = temp.resolve("plugins");
        Path jar = PluginJarBuilder.evaluatorPlugin("demo.partial", "partial", "partial-eval", "BabyLabApi.VERSION")
                .service("demo.partial.Missing")
                .build(temp.resolve("build"), plugins.resolve("partial.jar"));
        try (PluginRegistry registry =
                PluginRegistry.builder().addPluginDirectory(plugins).build()) {
            assertEquals(1, registry.problems().size(), messages(registry));
            String m = registry.problems().get(0).message();
            assertTrue(m.contains("demo.partial.Missing") && m.contains(jar.toString()), m);
            assertEquals(List.of("partial-eval"), registry.types(ComponentKind.EVALUATOR));
        }
    }

    @Test
    void the_same_type_in_two_jars_names_both_jar_paths() throws Exception {
        Path plugins = temp.resolve("plugins");
        Path a = PluginJarBuilder.evaluatorPlugin("demo.a", "a", "same-eval", "BabyLabApi.VERSION")
                .build(temp.resolve("build-a"), plugins.resolve("a.jar"));
        Path b = PluginJarBuilder.evaluatorPlugin("demo.b", "b", "same-eval", "BabyLabApi.VERSION")
                .build(temp.resolve("build-b"), plugins.resolve("b.jar"));
        try (PluginRegistry registry =
                PluginRegistry.builder().addPluginDirectory(plugins).build()) {
            assertEquals(1, registry.problems().size(), messages(registry));
            String m = registry.problems().get(0).message();
            assertTrue(m.contains(a.toString()) && m.contains(b.toString()), m);
        }
    }

    @Test
    void a_missing_plugin_directory_is_an_error_but_does_not_stop_the_class_path() throws Exception {
        Path missing = temp.resolve("nope");
        try (URLClassLoader loader = classPathWithServiceFile();
                PluginRegistry registry = PluginRegistry.builder()
                        .addPluginDirectory(missing)
                        .discoverClassPath(loader)
                        .build()) {
            assertTrue(registry.hasErrors());
            assertTrue(messages(registry).contains(missing + " does not exist"), messages(registry));
            assertFalse(registry.types(ComponentKind.EVALUATOR).isEmpty());
        }
    }

    @Test
    void the_standard_registry_adds_the_directories_of_the_environment_variable_and_only_warns_when_one_is_missing()
            throws Exception {
        Path plugins = temp.resolve("env-plugins");
        PluginJarBuilder.evaluatorPlugin("demo.env", "env", "env-eval", "BabyLabApi.VERSION")
                .build(temp.resolve("build"), plugins.resolve("env.jar"));
        Path missing = temp.resolve("gone");
        String value = missing + java.io.File.pathSeparator + plugins;
        try (PluginRegistry registry =
                PluginRegistry.standard(List.of(), java.util.Map.of(PluginRegistry.PLUGINS_ENV, value))) {
            assertTrue(
                    registry.types(ComponentKind.EVALUATOR).contains("env-eval"),
                    registry.types(ComponentKind.EVALUATOR).toString());
            assertEquals(1, registry.problems().size(), messages(registry));
            assertEquals(Severity.WARNING, registry.problems().get(0).severity());
            assertFalse(registry.hasErrors());
        }
    }

    @Test
    void origin_of_a_foreign_factory_is_refused() {
        try (PluginRegistry registry = PluginRegistry.builder().build()) {
            assertThrows(
                    IllegalArgumentException.class, () -> registry.origin(new ClassPathTestPlugin.VocabSizeFactory()));
        }
    }

    @Test
    void a_rebuilt_jar_of_the_same_classes_keeps_its_digest_and_matches_its_class_directory() throws Exception {
        Path classes = Files.createDirectories(temp.resolve("classes/p"));
        Files.write(classes.resolve("A.class"), new byte[] {1, 2, 3});
        Files.write(classes.resolve("B.class"), new byte[] {4, 5});
        Path first = jar(temp.resolve("first.jar"), 1_000_000_000_000L, "Built-By: a", "p/A.class", "p/B.class");
        Path second = jar(
                temp.resolve("second.jar"),
                1_700_000_000_000L,
                "Built-By: b\nBuild-Time: now",
                "p/B.class",
                "p/A.class");
        assertNotEquals(CodeDigests.ofFile(first), CodeDigests.ofFile(second), "the jars' bytes differ");
        assertEquals(CodeDigests.ofJar(first), CodeDigests.ofJar(second));
        assertEquals(CodeDigests.ofDirectory(temp.resolve("classes")), CodeDigests.ofJar(first));
        Files.write(classes.resolve("A.class"), new byte[] {1, 2, 4});
        assertNotEquals(
                CodeDigests.ofJar(first),
                CodeDigests.ofJar(
                        jar(temp.resolve("third.jar"), 1_000_000_000_000L, "Built-By: a", "p/A.class", "p/B.class")),
                "a changed class changes the digest");
    }

    /** A jar of files under temp/classes, with the given entry time, manifest text and entry order. */
    private Path jar(Path file, long time, String manifest, String... entries) throws Exception {
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            java.util.zip.ZipEntry m = new java.util.zip.ZipEntry("META-INF/MANIFEST.MF");
            m.setTime(time);
            z.putNextEntry(m);
            z.write(("Manifest-Version: 1.0\n" + manifest + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String e : entries) {
                java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry(e);
                entry.setTime(time);
                z.putNextEntry(entry);
                z.write(Files.readAllBytes(temp.resolve("classes").resolve(e)));
            }
        }
        return file;
    }

    @Test
    void a_class_directory_digest_changes_when_a_class_file_changes_and_ignores_other_files() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("classes/p"));
        Files.write(dir.resolve("A.class"), new byte[] {1, 2, 3});
        String before = CodeDigests.ofDirectory(temp.resolve("classes"));
        Files.writeString(dir.resolve("notes.txt"), "not code");
        assertEquals(before, CodeDigests.ofDirectory(temp.resolve("classes")));
        Files.write(dir.resolve("A.class"), new byte[] {1, 2, 4});
        assertNotEquals(before, CodeDigests.ofDirectory(temp.resolve("classes")));
    }
}
