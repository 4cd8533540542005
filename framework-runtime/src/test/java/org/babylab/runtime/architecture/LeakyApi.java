package org.babylab.runtime.architecture;

import java.util.List;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;

/** Breaks the public-signature rule on purpose, so {@link ArchitectureTest} can show the rule reports it. */
public final class LeakyApi {
    public static PlannedStep first;

    private LeakyApi() {}

    public static Plan plan() {
        return null;
    }

    public static List<PlannedStep> steps() {
        return List.of();
    }

    public static String name() {
        return "";
    }

    /** Private members may use anything. */
    private static Plan hidden() {
        return null;
    }

    /** A public nested type counts as public API too. */
    public static final class Wrapper {
        public Wrapper() {}
    }
}
