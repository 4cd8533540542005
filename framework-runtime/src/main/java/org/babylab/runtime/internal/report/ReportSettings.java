package org.babylab.runtime.internal.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the {@code report:} section of an experiment chooses. Every key is optional; without the
 * section the report has the CLASS-IT papers' layout: bar charts, z-score box plots, heat maps of
 * per-group scores and learning curves, in that order.
 *
 * <pre>
 * report:
 *   title: "CLASS-IT at toy scale"
 *   figures: [bars, zscores]          # which figures, in this order
 *   titles: {bars: "Zero-shot accuracy"}
 *   fine_tuning: [glue]               # evaluators that are fine-tuning tasks (z-score plots per kind)
 *   replicate_axis: seed              # a sweep axis whose values are replicates: mean and error bars
 *   pivot_columns: curriculum         # the sweep axis spread over the columns of the pivoted tables
 *   tie_warning: 0.05                 # warn when ties exceed this share of an evaluation's items
 * </pre>
 *
 * @param title the page title, or null for the default ({@code <experiment>: results})
 * @param figures the figure kinds to draw, in order, no duplicates
 * @param titles a title per figure kind that replaces the default one
 * @param fineTuning evaluator names whose tasks are fine-tuning tasks; every other one is zero-shot
 * @param replicateAxis the sweep axis whose values are replicates, or null for {@code seed} when the sweep has it
 * @param pivotColumns the sweep axis shown across table columns, or null for the last non-replicate axis
 * @param tieWarning the share of tied items above which a result is flagged, in [0, 1]
 */
public record ReportSettings(
        String title,
        List<Figure> figures,
        Map<Figure, String> titles,
        Set<String> fineTuning,
        String replicateAxis,
        String pivotColumns,
        double tieWarning) {
    /** The keys {@code report:} accepts. */
    public static final List<String> KEYS =
            List.of("title", "figures", "titles", "fine_tuning", "replicate_axis", "pivot_columns", "tie_warning");

    /** The default share of tied items above which a result is flagged: 5%. */
    public static final double DEFAULT_TIE_WARNING = 0.05;

    /** A kind of figure, by the name {@code report.figures} uses. */
    public enum Figure {
        BARS("bars", "Scores per task and model"),
        ZSCORES("zscores", "Per-task z-scores per model"),
        HEATMAPS("heatmaps", "Per-group scores by model"),
        CURVES("curves", "Learning curves");

        private final String id;
        private final String defaultTitle;

        Figure(String id, String defaultTitle) {
            this.id = id;
            this.defaultTitle = defaultTitle;
        }

        /** The name used in YAML. */
        public String id() {
            return id;
        }

        public String defaultTitle() {
            return defaultTitle;
        }

        /** The figure kind called {@code id}; throws naming the valid ones. */
        public static Figure of(String id) {
            for (Figure f : values()) {
                if (f.id.equals(id)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown figure '" + id + "'; valid figures: " + ids());
        }

        /** The valid names, comma-separated. */
        public static String ids() {
            return String.join(
                    ", ", java.util.Arrays.stream(values()).map(Figure::id).toList());
        }
    }

    public ReportSettings {
        figures = List.copyOf(figures == null ? List.of(Figure.values()) : figures);
        if (new LinkedHashSet<>(figures).size() != figures.size()) {
            throw new IllegalArgumentException("report.figures lists a figure twice: " + figures);
        }
        titles = titles == null || titles.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(titles));
        fineTuning = fineTuning == null ? Set.of() : Set.copyOf(fineTuning);
        if (!(tieWarning >= 0 && tieWarning <= 1)) {
            throw new IllegalArgumentException("report.tie_warning must be a share between 0 and 1, got " + tieWarning);
        }
    }

    /** The layout with no {@code report:} section. */
    public static ReportSettings defaults() {
        return new ReportSettings(null, null, null, null, null, null, DEFAULT_TIE_WARNING);
    }

    /** The title of {@code figure}: the configured one, else its default. */
    public String titleOf(Figure figure) {
        return titles.getOrDefault(figure, figure.defaultTitle());
    }

    /**
     * Reads a {@code report:} tree (plain maps, lists and scalars, as the DSL keeps it).
     *
     * @throws IllegalArgumentException naming the key and what would be valid
     */
    public static ReportSettings of(Map<String, Object> report) {
        if (report == null || report.isEmpty()) {
            return defaults();
        }
        for (String key : report.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown key report." + key + "; valid keys: " + String.join(", ", KEYS));
            }
        }
        String title = string(report, "title");
        List<Figure> figures = null;
        if (report.get("figures") != null) {
            figures = new ArrayList<>();
            for (String id : strings(report, "figures")) {
                figures.add(Figure.of(id));
            }
        }
        Map<Figure, String> titles = new EnumMap<>(Figure.class);
        Object t = report.get("titles");
        if (t != null) {
            if (!(t instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(
                        "report.titles must map figure names (" + Figure.ids() + ") to titles");
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getValue() instanceof String s) || s.isBlank()) {
                    throw new IllegalArgumentException("report.titles." + e.getKey() + " must be a non-empty text");
                }
                titles.put(Figure.of(String.valueOf(e.getKey())), s);
            }
        }
        Set<String> fineTuning =
                report.get("fine_tuning") == null ? Set.of() : new LinkedHashSet<>(strings(report, "fine_tuning"));
        double tie = DEFAULT_TIE_WARNING;
        Object tw = report.get("tie_warning");
        if (tw != null) {
            if (!(tw instanceof Number n)) {
                throw new IllegalArgumentException(
                        "report.tie_warning must be a number between 0 and 1 (e.g. 0.05), not '" + tw + "'");
            }
            tie = n.doubleValue();
        }
        return new ReportSettings(
                title,
                figures,
                titles,
                fineTuning,
                string(report, "replicate_axis"),
                string(report, "pivot_columns"),
                tie);
    }

    private static String string(Map<String, Object> report, String key) {
        Object v = report.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("report." + key + " must be a non-empty text, not '" + v + "'");
        }
        return s;
    }

    private static List<String> strings(Map<String, Object> report, String key) {
        Object v = report.get(key);
        List<?> items = v instanceof List<?> l ? l : v instanceof String s ? List.of(s) : null;
        if (items == null) {
            throw new IllegalArgumentException("report." + key + " must be a list of names, not '" + v + "'");
        }
        List<String> out = new ArrayList<>();
        for (Object o : items) {
            if (!(o instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("report." + key + " must list names, not '" + o + "'");
            }
            out.add(s);
        }
        return out;
    }
}
