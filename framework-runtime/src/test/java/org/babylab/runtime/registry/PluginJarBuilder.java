package org.babylab.runtime.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.babylab.api.Plugin;

/**
 * Builds a real plugin jar in a test: writes Java sources, compiles them with the system compiler
 * against the framework-api classes ALONE (so a plugin that touched the runtime or Jackson would
 * not even compile), and packs the classes plus the service file with {@link JarOutputStream}.
 *
 * <pre>{@code
 * Path jar = PluginJarBuilder.evaluatorPlugin("demo", "demo-eval", "BabyLabApi.VERSION")
 *         .build(tempDir.resolve("work"), pluginsDir.resolve("demo.jar"));
 * }</pre>
 *
 * <p>Not thread-safe; one builder per jar.
 */
public final class PluginJarBuilder {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private boolean writeServiceFile = true;

    /** Adds the source of {@code className} (fully qualified). */
    public PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Lists {@code className} in {@code META-INF/services/org.babylab.api.Plugin}. */
    public PluginJarBuilder service(String className) {
        services.add(className);
        return this;
    }

    /** Leaves the service file out, making the jar invalid as a plugin. */
    public PluginJarBuilder withoutServiceFile() {
        writeServiceFile = false;
        return this;
    }

    /**
     * A plugin {@code <pkg>.DemoPlugin} named {@code pluginName} with one evaluator factory of type
     * {@code type} whose evaluator reports the model's maximum sequence length; its
     * {@code apiVersion()} returns the Java expression {@code apiVersionExpression} (e.g.
     * {@code "BabyLabApi.VERSION"} or {@code "\"9.9\""}).
     */
    public static PluginJarBuilder evaluatorPlugin(
            String pkg, String pluginName, String type, String apiVersionExpression) {
        String plugin = """
                package %1$s;

                import java.util.List;
                import java.util.Map;
                import org.babylab.api.BabyLabApi;
                import org.babylab.api.Plugin;
                import org.babylab.api.config.Doc;
                import org.babylab.api.eval.EvaluationResult;
                import org.babylab.api.eval.Evaluator;
                import org.babylab.api.spi.EvaluatorFactory;
                import org.babylab.api.step.ComponentContext;

                public final class DemoPlugin implements Plugin {
                    public record Config(@Doc("a label for reports") String label) {
                        public Config {
                            label = label == null ? "demo" : label;
                        }
                    }

                    public static final class LengthEvaluatorFactory implements EvaluatorFactory<Config> {
                        @Override public String type() { return "%3$s"; }
                        @Override public Class<Config> configType() { return Config.class; }
                        @Override public String description() { return "reports the model's maximum sequence length"; }
                        @Override public Evaluator create(Config config, ComponentContext context) {
                            return (model, step) -> new EvaluationResult("max_length",
                                    Map.of("max_length", (double) model.maxSequenceLength()), Map.of(), 1);
                        }
                    }

                    @Override public String name() { return "%2$s"; }
                    @Override public String apiVersion() { return %4$s; }
                    @Override public List<EvaluatorFactory<?>> evaluators() { return List.of(new LengthEvaluatorFactory()); }
                }
                """.formatted(pkg, pluginName, type, apiVersionExpression);
        return new PluginJarBuilder().source(pkg + ".DemoPlugin", plugin).service(pkg + ".DemoPlugin");
    }

    /** Where the framework-api classes (a jar or a classes directory) are on this machine. */
    public static Path apiLocation() {
        try {
            return Path.of(Plugin.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("framework-api code source is not a file", e);
        }
    }

    /**
     * Compiles the sources below {@code workDir} and writes the jar.
     *
     * @return {@code jar}
     * @throws AssertionError with the compiler's diagnostics if the sources do not compile
     */
    public Path build(Path workDir, Path jar) throws IOException {
        Path src = Files.createDirectories(workDir.resolve("src"));
        Path classes = Files.createDirectories(workDir.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            files.add(file);
        }
        compile(files, classes);
        Files.createDirectories(jar.toAbsolutePath().getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
            if (writeServiceFile) {
                out.putNextEntry(new JarEntry("META-INF/services/" + Plugin.class.getName()));
                writeLines(out, services);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void writeLines(OutputStream out, List<String> lines) throws IOException {
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void compile(List<Path> files, Path classes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of(
                    "--release", "17", "-proc:none", "-classpath", apiLocation().toString(), "-d", classes.toString());
            boolean ok = compiler.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call();
            if (!ok) {
                throw new AssertionError("test plugin does not compile:\n" + diagnostics.getDiagnostics());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
