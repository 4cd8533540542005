package org.babylab.api;

/**
 * The version of this API, which every plugin records at compile time.
 *
 * <p>{@link #VERSION} is a compile-time constant, so a plugin that returns it from
 * {@link Plugin#apiVersion()} carries the version it was compiled against inside its own class
 * file. The runtime compares that with its own {@link #CURRENT} and refuses incompatible jars,
 * naming both versions.
 */
public final class BabyLabApi {
    /** The API version as text, {@code major.minor}. Inlined into plugins by the compiler. */
    public static final String VERSION = "0.6";

    /** The API version this runtime provides. */
    public static final ApiVersion CURRENT = ApiVersion.parse(VERSION);

    private BabyLabApi() {}
}
