package org.babylab.runtime.internal.model;

import java.nio.file.Path;
import java.util.List;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.Problem;

/**
 * A checked experiment, ready to plan: what the DSL produces and the planner consumes.
 *
 * @param name the {@code experiment:} name
 * @param seed the experiment seed (default 0)
 * @param file the top-level YAML file
 * @param baseDir the directory relative data paths resolve against (the top-level file's directory)
 * @param trials the sweep's points, at least one
 * @param storeDir the store directory from YAML {@code store:}, or null for the default
 * @param devices declared devices from YAML {@code devices:}, or null to detect
 * @param report report settings from YAML {@code report:} as a JSON-like tree, or an empty map
 * @param problems warnings found while loading (errors are thrown as {@link ExperimentException})
 */
public record ExperimentDefinition(
        String name,
        long seed,
        Path file,
        Path baseDir,
        List<Trial> trials,
        Path storeDir,
        DeviceSpec devices,
        java.util.Map<String, Object> report,
        List<Problem> problems) {
    public ExperimentDefinition {
        if (name == null || file == null || baseDir == null || trials == null || trials.isEmpty()) {
            throw new IllegalArgumentException("name, file, baseDir and at least one trial are required");
        }
        trials = List.copyOf(trials);
        report = report == null ? java.util.Map.of() : report;
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
