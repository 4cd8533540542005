package org.babylab.runtime.internal.dsl;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.babylab.runtime.internal.report.ReportSettings;

/**
 * Checks the {@code report:} section against {@link ReportSettings} and the experiment's own names
 * (evaluators, sweep axes), reporting each problem at the YAML location of the value that caused it.
 */
final class ReportSection {
    private ReportSection() {}

    /**
     * The section as a plain tree when it is valid, else an empty map after reporting every problem.
     *
     * @param section the resolved section
     * @param evaluators the declared evaluator names
     * @param axes the declared sweep axes
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(
            YamlMap section, Collection<String> evaluators, Collection<String> axes, Problems problems) {
        int before = problems.errorCount();
        for (YamlMap.Entry e : section.entries().values()) {
            if (!ReportSettings.KEYS.contains(e.key())) {
                problems.error(
                        e.keyLocation(),
                        "unknown key 'report." + e.key() + "'",
                        Suggestions.hint(e.key(), ReportSettings.KEYS, "valid keys"));
                continue;
            }
            try {
                ReportSettings.of(Map.of(e.key(), e.value().toPlain()));
            } catch (IllegalArgumentException ex) {
                problems.error(e.value().location(), ex.getMessage(), "");
                continue;
            }
            switch (e.key()) {
                case "fine_tuning" ->
                    names(e.value()).forEach(n -> {
                        if (!evaluators.contains(n.value())) {
                            problems.error(
                                    n.location(),
                                    "report.fine_tuning names '" + n.value() + "', which is not an evaluator",
                                    "declared evaluators: " + String.join(", ", evaluators));
                        }
                    });
                case "replicate_axis", "pivot_columns" -> {
                    String axis = (String) ((YamlScalar) e.value()).value();
                    if (!axes.contains(axis)) {
                        problems.error(
                                e.value().location(),
                                "report." + e.key() + " names '" + axis + "', which is not a sweep axis",
                                axes.isEmpty()
                                        ? "this experiment has no sweep"
                                        : "sweep axes: " + String.join(", ", axes));
                    }
                }
                default -> {}
            }
        }
        return problems.errorCount() > before ? Map.of() : (Map<String, Object>) section.toPlain();
    }

    private static List<YamlScalar> names(YamlNode v) {
        if (v instanceof YamlSeq seq) {
            return seq.items().stream().map(YamlScalar.class::cast).toList();
        }
        return List.of((YamlScalar) v);
    }
}
