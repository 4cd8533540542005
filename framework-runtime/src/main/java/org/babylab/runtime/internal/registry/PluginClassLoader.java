package org.babylab.runtime.internal.registry;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin jar. It sees the JDK, the plugin API ({@code org.babylab.api} and
 * its subpackages, taken from the runtime's loader so that plugin and runtime share one
 * {@code Plugin} class) and the jar's own classes; nothing else of the runtime's class path, so a
 * plugin cannot come to depend by accident on the runtime's Jackson, SnakeYAML or internals, and
 * may bundle other versions of them.
 *
 * <p>Delegation (the idea of Trino's {@code PluginClassLoader}): {@code java.*} always from the
 * platform loader (the JVM refuses to define them elsewhere anyway); API classes from the runtime;
 * everything else child-first from the jar, then the platform loader for the other JDK modules
 * ({@code javax.*}, {@code jdk.*}, ...). Resources follow the same rule, so
 * {@code META-INF/services/org.babylab.api.Plugin} is read from the jar alone.
 *
 * <p>Thread-safe and parallel capable, like {@link URLClassLoader}.
 */
public final class PluginClassLoader extends URLClassLoader {
    private static final String API_PACKAGE = "org.babylab.api.";
    private static final String API_RESOURCE_PREFIX = "org/babylab/api/";

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader apiLoader;
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    private final Path jar;

    /**
     * @param jar the plugin jar, which must exist
     * @param apiLoader the loader that defines the runtime's {@code org.babylab.api} classes
     */
    public PluginClassLoader(Path jar, ClassLoader apiLoader) throws IOException {
        super("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, null);
        this.jar = jar;
        this.apiLoader = apiLoader;
    }

    /** The jar this loader reads. */
    public Path jar() {
        return jar;
    }

    /** True for class names the plugin must share with the runtime. */
    public static boolean isApiClass(String className) {
        return className.startsWith(API_PACKAGE);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = locate(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> locate(String name) throws ClassNotFoundException {
        if (name.startsWith("java.")) {
            return platform.loadClass(name);
        }
        if (isApiClass(name)) {
            return apiLoader.loadClass(name);
        }
        try {
            return findClass(name);
        } catch (ClassNotFoundException notInJar) {
            // Not in the plugin: only the JDK remains. The runtime's own class path is deliberately
            // not consulted, which is what isolates the plugin from the runtime's libraries.
            return platform.loadClass(name);
        }
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith(API_RESOURCE_PREFIX)) {
            return apiLoader.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : platform.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith(API_RESOURCE_PREFIX)) {
            return apiLoader.getResources(name);
        }
        List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
        urls.addAll(Collections.list(platform.getResources(name)));
        return Collections.enumeration(urls);
    }
}
