package org.babylab.runtime.internal.registry;

import java.util.Optional;

/**
 * Code of an isolated plugin jar needed a class that neither its jar nor the API provides: usually
 * a library the plugin compiled against but did not bundle, which it found on the class path in its
 * own tests. The message names the jar, the class and the remedy, so the user need not read a bare
 * {@link NoClassDefFoundError}.
 */
final class MissingPluginClassException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String LOADER_PREFIX = "plugin:";

    private final String jar;
    private final String missingClass;

    MissingPluginClassException(String jar, String missingClass, Throwable cause) {
        super(
                "plugin jar " + jar + " needs class " + missingClass
                        + ", which is not in the jar: a plugin sees only its own jar,"
                        + " the JDK and org.babylab.api; bundle the library in your plugin jar (shade) or use only org.babylab.api",
                cause);
        this.jar = jar;
        this.missingClass = missingClass;
    }

    /** The plugin jar whose code needed the class: its path, or its file name when only that is known. */
    public String jar() {
        return jar;
    }

    /** The binary name of the class that could not be found, e.g. {@code com.fasterxml.jackson.databind.ObjectMapper}. */
    public String missingClass() {
        return missingClass;
    }

    /**
     * The exception to throw instead of {@code thrown} when it (or one of its causes) is a missing
     * class met by the code of an isolated plugin jar; empty for anything else, including a class
     * that exists but failed to initialise ("Could not initialize class").
     *
     * @param callLoader the context loader the failing call ran under, used to give the jar's full path
     */
    static Optional<MissingPluginClassException> from(Throwable thrown, ClassLoader callLoader) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String missing = missingClassName(t);
            if (missing == null) {
                continue;
            }
            String jarName = pluginLoaderName(t);
            if (jarName == null) {
                return Optional.empty(); // not raised by code of a plugin jar: a runtime or class-path problem
            }
            String jar =
                    callLoader instanceof PluginClassLoader p && p.getName().equals(LOADER_PREFIX + jarName)
                            ? p.jar().toString()
                            : jarName;
            return Optional.of(new MissingPluginClassException(jar, missing, thrown));
        }
        return Optional.empty();
    }

    private static String missingClassName(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return null;
        }
        if (t instanceof NoClassDefFoundError && !message.startsWith("Could not initialize class")) {
            return message.trim().replace('/', '.');
        }
        if (t instanceof ClassNotFoundException) {
            return message.trim();
        }
        return null;
    }

    /** The jar file name of the innermost frame of a plugin jar's code, from its class loader's name. */
    private static String pluginLoaderName(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            String loader = frame.getClassLoaderName();
            if (loader != null && loader.startsWith(LOADER_PREFIX)) {
                return loader.substring(LOADER_PREFIX.length());
            }
        }
        return null;
    }
}
