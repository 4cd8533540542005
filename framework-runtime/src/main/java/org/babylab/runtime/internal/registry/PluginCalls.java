package org.babylab.runtime.internal.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * Runs a call into plugin code with the thread's context class loader set to the plugin's own
 * loader, and restores the previous one afterwards, as Trino does around every call into a
 * connector. Libraries a plugin bundles that look classes or resources up through the context
 * loader (Jackson modules, ServiceLoader, JAXB, logging back ends) then find the plugin's copies,
 * never BabyLab's.
 *
 * <p>The runtime wraps every call it makes into plugin code: plugin discovery and inspection,
 * config binding, a factory's plan-time methods ({@code check}, {@code inputFiles},
 * {@code resources}), and a step's whole body (the factory's {@code create} or {@code load} and
 * every call on the object it returns: {@code evaluate}, {@code train}, {@code save}, ...). Calls one
 * plugin's object makes into another's (an evaluator scoring a model of another plugin) run under
 * the caller's loader: the runtime is not on that path.
 *
 * <p>A {@link NoClassDefFoundError} or {@link ClassNotFoundException} raised by the code of an
 * isolated plugin jar means the jar uses a class it neither contains nor may see (plugins see only
 * the JDK and {@code org.babylab.api}); it is rethrown as a {@link MissingPluginClassException}
 * that names the jar, the missing class and the remedy.
 *
 * <p>Stateless and thread-safe.
 */
public final class PluginCalls {
    private PluginCalls() {}

    /** A call that returns a value and may throw {@code E}. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T call() throws E;
    }

    /** A call that returns nothing and may throw {@code E}. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run() throws E;
    }

    /**
     * Runs {@code call} with the context class loader set to the loader that defined
     * {@code pluginObject}'s class (a factory, a plugin, an evaluator, ...).
     *
     * @throws MissingPluginClassException if plugin code of an isolated jar needs a class it cannot see
     */
    public static <T, E extends Exception> T withContextLoader(Object pluginObject, Call<T, E> call) throws E {
        return withContextLoader(pluginObject.getClass().getClassLoader(), call);
    }

    /** {@link #withContextLoader(Object, Call)} for a call that returns nothing. */
    public static <E extends Exception> void run(Object pluginObject, Action<E> action) throws E {
        withContextLoader(pluginObject.getClass().getClassLoader(), () -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs {@code call} with the context class loader set to {@code loader} (null, the bootstrap
     * loader, leaves the current one in place).
     *
     * @throws MissingPluginClassException if plugin code of an isolated jar needs a class it cannot see
     */
    public static <T, E extends Exception> T withContextLoader(ClassLoader loader, Call<T, E> call) throws E {
        Objects.requireNonNull(call, "call");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (loader != null) {
            thread.setContextClassLoader(loader);
        }
        try {
            return call.call();
        } catch (NoClassDefFoundError e) {
            Optional<MissingPluginClassException> missing = MissingPluginClassException.from(e, loader);
            if (missing.isPresent()) {
                throw missing.get();
            }
            throw e;
        } catch (Exception e) {
            // Precise rethrow: e is E or unchecked. A ClassNotFoundException may be E itself or a cause.
            Optional<MissingPluginClassException> missing = e instanceof MissingPluginClassException
                    ? Optional.empty()
                    : MissingPluginClassException.from(e, loader);
            if (missing.isPresent()) {
                throw missing.get();
            }
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
