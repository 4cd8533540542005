package org.babylab.runtime.internal.registry;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.babylab.api.Plugin;
import org.babylab.runtime.Problem;
import org.babylab.runtime.Severity;
import org.babylab.runtime.SourceLocation;

/**
 * Finds plugins on a class path and in plugin directories, turning every failure into a
 * {@link Problem} so that one broken jar does not hide the others.
 *
 * <p>Not thread-safe; used by one registry build at a time.
 */
public final class PluginDiscovery {
    /** The service file every plugin jar must contain. */
    public static final String SERVICE_FILE = "META-INF/services/" + Plugin.class.getName();
    /** Bounds the loop over a ServiceLoader that keeps failing, which could otherwise retry forever. */
    private static final int MAX_FAILURES_PER_SOURCE = 100;

    private final ClassLoader apiLoader;
    private final List<Problem> problems;
    private final List<PluginClassLoader> openedLoaders;

    /**
     * @param apiLoader the loader of the runtime's {@code org.babylab.api} classes, shared with plugin jars
     * @param problems receives one problem per failure
     * @param openedLoaders receives every plugin class loader created, so the registry can close them
     */
    public PluginDiscovery(ClassLoader apiLoader, List<Problem> problems, List<PluginClassLoader> openedLoaders) {
        this.apiLoader = apiLoader;
        this.problems = problems;
        this.openedLoaders = openedLoaders;
    }

    /** The plugins that {@code loader} lists in {@value #SERVICE_FILE} resources. */
    public List<PluginCandidate> fromClassPath(ClassLoader loader) {
        return load(ServiceLoader.load(Plugin.class, loader), loader, PluginCandidate.CLASS_PATH, null);
    }

    /**
     * The plugins of every {@code *.jar} directly in {@code dir}, each in its own {@link PluginClassLoader}.
     *
     * @param missingSeverity the severity of the problem reported when {@code dir} does not exist
     */
    public List<PluginCandidate> fromDirectory(Path dir, Severity missingSeverity) {
        SourceLocation at = new SourceLocation(dir.toString(), 0, 0);
        if (!Files.isDirectory(dir)) {
            problems.add(new Problem(
                    missingSeverity,
                    at,
                    "plugin directory " + dir + " does not exist or is not a directory",
                    "create it, or remove it from the plugin directories (--plugins, BABYLAB_PLUGINS)"));
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
            entries.forEach(jars::add);
        } catch (IOException e) {
            problems.add(Problem.error(at, "cannot list plugin directory " + dir + ": " + e, ""));
            return List.of();
        }
        jars.sort(null); // a stable order makes duplicate-type errors and listings reproducible
        List<PluginCandidate> found = new ArrayList<>();
        for (Path jar : jars) {
            found.addAll(fromJar(jar));
        }
        return found;
    }

    /** The plugins of one jar, loaded in its own {@link PluginClassLoader}. */
    public List<PluginCandidate> fromJar(Path jar) {
        SourceLocation at = new SourceLocation(jar.toString(), 0, 0);
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry(SERVICE_FILE) == null) {
                problems.add(Problem.error(
                        at,
                        "plugin jar " + jar + " has no " + SERVICE_FILE,
                        "a plugin jar must list its org.babylab.api.Plugin implementation(s) in " + SERVICE_FILE));
                return List.of();
            }
        } catch (IOException e) {
            problems.add(Problem.error(
                    at, "cannot open plugin jar " + jar + ": " + e.getMessage(), "is it a valid jar file?"));
            return List.of();
        }
        PluginClassLoader loader;
        try {
            loader = new PluginClassLoader(jar, apiLoader);
        } catch (IOException e) {
            problems.add(Problem.error(at, "cannot open plugin jar " + jar + ": " + e.getMessage(), ""));
            return List.of();
        }
        openedLoaders.add(loader);
        return load(ServiceLoader.load(Plugin.class, loader), loader, jar.toString(), jar);
    }

    /** Instantiates the plugins {@code serviceLoader} lists; their constructors run under {@code loader} as context loader. */
    private List<PluginCandidate> load(
            ServiceLoader<Plugin> serviceLoader, ClassLoader loader, String location, Path jar) {
        SourceLocation at = new SourceLocation(location, 0, 0);
        List<PluginCandidate> found = new ArrayList<>();
        Iterator<Plugin> it = serviceLoader.iterator();
        int failures = 0;
        String previous = null;
        while (failures < MAX_FAILURES_PER_SOURCE) {
            try {
                Plugin next = PluginCalls.withContextLoader(loader, () -> it.hasNext() ? it.next() : null);
                if (next == null) {
                    break;
                }
                found.add(new PluginCandidate(next, location, jar));
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                // The ServiceConfigurationError message names the provider class; the cause says why.
                String message = "cannot load a plugin from " + location + ": " + e.getMessage() + causeText(e);
                if (message.equals(previous)) {
                    break; // the iterator is stuck on one broken entry (e.g. a malformed service file)
                }
                previous = message;
                failures++;
                problems.add(
                        Problem.error(
                                at,
                                message,
                                "check that the class named in " + SERVICE_FILE
                                        + " exists in the jar, is public, and has a public no-argument constructor that does not throw"));
            }
        }
        return found;
    }

    /** {@code "; cause: X: message"} for the root cause, or empty. */
    static String causeText(Throwable e) {
        Throwable root = e.getCause();
        if (root == null) {
            return "";
        }
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "; cause: " + root;
    }
}
