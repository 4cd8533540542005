package org.babylab.runtime.internal.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.babylab.runtime.SourceLocation;

/**
 * The points of a {@code sweep:}: every grid axis is one dimension, the {@code zip:} group (axes of
 * equal length whose i-th values go together) one more, in declaration order; the points are the
 * cartesian product, first dimension slowest. Without a sweep there is one empty point.
 *
 * @param axes every axis name, in declaration order (zip axes where {@code zip:} is declared)
 * @param axisLocations where each axis is declared, for warnings
 * @param points the sweep points, each mapping axis to value in axis order
 */
record SweepPoints(List<String> axes, Map<String, SourceLocation> axisLocations, List<Map<String, YamlNode>> points) {
    static final String ZIP = "zip";
    /** More trials than anyone can run; also stops a typo from expanding into billions of points. */
    static final int MAX_TRIALS = 10_000;

    private static final Pattern AXIS_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    SweepPoints {
        axes = List.copyOf(axes);
        axisLocations = Map.copyOf(axisLocations);
        points = List.copyOf(points);
    }

    /** One dimension of the grid: one axis, or a zip group of several. */
    private record Dimension(List<String> axes, List<List<YamlNode>> rows) {}

    /**
     * Reads a {@code sweep:} value whose scalars were already interpolated (sweep values cannot use
     * sweep values).
     *
     * @param sweep the mapping, or null without a sweep
     */
    static SweepPoints of(YamlNode sweep, Problems problems) {
        if (sweep == null || sweep instanceof YamlScalar s && s.value() == null) {
            return new SweepPoints(List.of(), Map.of(), List.of(Map.of()));
        }
        if (!(sweep instanceof YamlMap map)) {
            problems.error(
                    sweep.location(),
                    "sweep: must be a mapping of axis names to lists of values, not " + sweep.describe(),
                    "e.g. sweep: {model: [small, large], zip: {lr: [1.0e-4, 2.0e-4], warmup: [100, 200]}}");
            return new SweepPoints(List.of(), Map.of(), List.of(Map.of()));
        }
        int errors = problems.errorCount();
        List<Dimension> dimensions = new ArrayList<>();
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        map.entries().forEach((key, entry) -> {
            if (key.equals(ZIP)) {
                Dimension zip = zip(entry, locations, problems);
                if (zip != null) {
                    dimensions.add(zip);
                }
                return;
            }
            List<YamlNode> values = axisValues(entry, locations, problems);
            if (values != null) {
                List<List<YamlNode>> rows = values.stream().map(List::of).toList();
                dimensions.add(new Dimension(List.of(key), rows));
            }
        });
        List<String> axes = new ArrayList<>(locations.keySet());
        long size = dimensions.stream()
                .mapToLong(d -> d.rows().size())
                .reduce(1, (a, b) -> Math.min(a * b, MAX_TRIALS + 1L));
        if (size > MAX_TRIALS) {
            problems.error(
                    map.location(),
                    "the sweep has more than " + MAX_TRIALS + " points",
                    "split the study into several experiments, or pair axes with zip: instead of crossing them");
        }
        if (problems.errorCount() > errors) {
            return new SweepPoints(axes, locations, List.of(Map.of()));
        }
        List<Map<String, YamlNode>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Dimension d : dimensions) {
            List<Map<String, YamlNode>> next = new ArrayList<>();
            for (Map<String, YamlNode> point : points) {
                for (List<YamlNode> row : d.rows()) {
                    Map<String, YamlNode> p = new LinkedHashMap<>(point);
                    for (int i = 0; i < row.size(); i++) {
                        p.put(d.axes().get(i), row.get(i));
                    }
                    next.add(p);
                }
            }
            points = next;
        }
        return new SweepPoints(axes, locations, points);
    }

    private static Dimension zip(YamlMap.Entry entry, Map<String, SourceLocation> locations, Problems problems) {
        if (!(entry.value() instanceof YamlMap zip) || zip.entries().isEmpty()) {
            problems.error(
                    entry.value().location(),
                    "sweep.zip must be a mapping of axis names to lists of equal length, not "
                            + entry.value().describe(),
                    "e.g. zip: {lr: [1.0e-4, 2.0e-4], warmup: [100, 200]}");
            return null;
        }
        List<String> axes = new ArrayList<>();
        List<List<YamlNode>> columns = new ArrayList<>();
        zip.entries().forEach((key, e) -> {
            List<YamlNode> values = axisValues(e, locations, problems);
            if (values != null) {
                axes.add(key);
                columns.add(values);
            }
        });
        if (axes.size() != zip.entries().size()) {
            return null;
        }
        int n = columns.get(0).size();
        if (columns.stream().anyMatch(c -> c.size() != n)) {
            String lengths = new ArrayList<>(axes)
                    .stream()
                            .map(a -> a + " has " + columns.get(axes.indexOf(a)).size())
                            .collect(Collectors.joining(", "));
            problems.error(
                    entry.keyLocation(),
                    "the axes under sweep.zip must have equal lengths: " + lengths,
                    "zip pairs the i-th values of its axes; put axes that vary independently directly under sweep:");
            return null;
        }
        List<List<YamlNode>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<YamlNode> row = new ArrayList<>();
            for (List<YamlNode> column : columns) {
                row.add(column.get(i));
            }
            rows.add(row);
        }
        return new Dimension(axes, rows);
    }

    private static List<YamlNode> axisValues(
            YamlMap.Entry entry, Map<String, SourceLocation> locations, Problems problems) {
        String axis = entry.key();
        if (!AXIS_NAME.matcher(axis).matches()) {
            problems.error(
                    entry.keyLocation(),
                    "sweep axis name '" + axis + "' is not valid",
                    "axis names are letters, digits, '_' and '-', starting with a letter or '_', so that ${sweep.<axis>} can name them");
            return null;
        }
        if (locations.containsKey(axis)) {
            problems.error(
                    entry.keyLocation(),
                    "sweep axis '" + axis + "' is declared twice (first at " + locations.get(axis) + ")",
                    "");
            return null;
        }
        locations.put(axis, entry.keyLocation());
        if (!(entry.value() instanceof YamlSeq seq) || seq.items().isEmpty()) {
            problems.error(
                    entry.value().location(),
                    "sweep axis '" + axis + "' must be a non-empty list of values, not "
                            + entry.value().describe(),
                    "e.g. " + axis + ": [a, b]");
            return null;
        }
        return seq.items();
    }
}
