package org.babylab.api;

/**
 * A {@code major.minor} API version.
 *
 * <p>Compatibility rule: a plugin compiled against {@code p} runs on a runtime providing {@code r}
 * when the majors are equal and {@code p.minor <= r.minor}; while the major is 0 every minor may
 * break, so the minors must be equal too.
 *
 * @param major non-negative major version
 * @param minor non-negative minor version
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    public ApiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("API version parts must be >= 0, got " + major + "." + minor);
        }
    }

    /**
     * Parses {@code "major.minor"}.
     *
     * @throws IllegalArgumentException if {@code text} is not two dot-separated non-negative integers
     */
    public static ApiVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("API version is missing; expected 'major.minor' such as '0.1'");
        }
        String[] parts = text.trim().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "API version '" + text + "' is not of the form 'major.minor' such as '0.1'");
        }
        try {
            return new ApiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "API version '" + text + "' is not of the form 'major.minor' such as '0.1'", e);
        }
    }

    /** True when a plugin compiled against {@code pluginVersion} may run on a runtime providing this version. */
    public boolean canRun(ApiVersion pluginVersion) {
        if (major != pluginVersion.major) {
            return false;
        }
        return major == 0 ? minor == pluginVersion.minor : pluginVersion.minor <= minor;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
