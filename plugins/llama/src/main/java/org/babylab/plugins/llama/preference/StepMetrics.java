package org.babylab.plugins.llama.preference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-step training metrics as JSON lines ({@code {"step": 12, "loss": 0.69, ...}}), appended to a
 * file in the checkpoint directory so they survive a crash; {@link #publish} writes them, one line
 * per step (a step trained again after a resume replaces its earlier line), into the step's output.
 * Not thread-safe.
 */
public final class StepMetrics {
    private final Path file;

    public StepMetrics(Path checkpointDir, String name) {
        this.file = checkpointDir.resolve(name);
    }

    /**
     * Appends one step's metrics (finite numbers; others are written as null). Whole numbers (token
     * and word counts) are written exactly; others with 6 significant digits.
     */
    public void append(long step, Map<String, Double> metrics) throws IOException {
        StringBuilder sb = new StringBuilder("{\"step\": ").append(step);
        metrics.forEach((k, v) -> sb.append(", \"")
                .append(k)
                .append("\": ")
                .append(
                        v == null || !Double.isFinite(v)
                                ? "null"
                                : v == Math.rint(v) && Math.abs(v) < 1e15
                                        ? Long.toString((long) (double) v)
                                        : String.format(Locale.ROOT, "%.6g", v)));
        sb.append("}\n");
        Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Every step's line, the last written for each step, in step order. */
    public List<String> lines() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<Long, String> byStep = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int colon = line.indexOf(':');
            int comma = line.indexOf(',');
            if (line.startsWith("{\"step\": ") && colon > 0) {
                try {
                    byStep.put(
                            Long.parseLong(line.substring(colon + 1, comma > 0 ? comma : line.length() - 1)
                                    .trim()),
                            line);
                } catch (NumberFormatException e) {
                    // a line torn by a crash mid-write: the step is trained again and rewritten
                }
            }
        }
        return new ArrayList<>(byStep.values());
    }

    /** The values of {@code key} over the steps, in order (NaN where null). */
    public List<Double> series(String key) throws IOException {
        List<Double> out = new ArrayList<>();
        String needle = "\"" + key + "\": ";
        for (String line : lines()) {
            int at = line.indexOf(needle);
            if (at >= 0) {
                int end = line.indexOf(line.indexOf(',', at) > 0 ? ',' : '}', at);
                String v = line.substring(at + needle.length(), end).trim();
                out.add(v.equals("null") ? Double.NaN : Double.parseDouble(v));
            }
        }
        return out;
    }

    /** Writes {@link #lines()} to {@code target}. */
    public void publish(Path target) throws IOException {
        Files.writeString(target, String.join("\n", lines()) + "\n", StandardCharsets.UTF_8);
    }

    /** An insertion-ordered map, for building one step's metrics. */
    public static Map<String, Double> row() {
        return new LinkedHashMap<>();
    }
}
