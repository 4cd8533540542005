package org.babylab.runtime.internal.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The few statistics a report needs. Stateless. */
public final class Stats {
    private Stats() {}

    /** The arithmetic mean; NaN for no values. */
    public static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The sample standard deviation (n - 1 in the denominator); NaN with fewer than two values. */
    public static double sampleSd(double[] v) {
        return v.length < 2 ? Double.NaN : Math.sqrt(sumOfSquares(v) / (v.length - 1));
    }

    /** The population standard deviation (n in the denominator, as {@code scipy.stats.zscore} uses); NaN for no values. */
    public static double populationSd(double[] v) {
        return v.length == 0 ? Double.NaN : Math.sqrt(sumOfSquares(v) / v.length);
    }

    private static double sumOfSquares(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s;
    }

    /**
     * Per-task z-scores over models, as the CLASS-IT paper computes them: for each task, each model's
     * score minus the mean over the models, divided by their population standard deviation. A task
     * scored for fewer than two models, or on which every model scores the same, has no z-scores and is
     * left out (its name is in {@link ZScores#undefined()}).
     *
     * @param byTask for each task, the score of each model (models without a score absent)
     */
    public static ZScores zScores(Map<String, Map<String, Double>> byTask) {
        Map<String, Map<String, Double>> z = new LinkedHashMap<>();
        List<String> undefined = new ArrayList<>();
        byTask.forEach((task, scores) -> {
            double[] v =
                    scores.values().stream().mapToDouble(Double::doubleValue).toArray();
            double sd = populationSd(v);
            if (v.length < 2 || !(sd > 1e-12)) {
                undefined.add(task);
                return;
            }
            double m = mean(v);
            Map<String, Double> zs = new LinkedHashMap<>();
            scores.forEach((model, x) -> zs.put(model, (x - m) / sd));
            z.put(task, zs);
        });
        return new ZScores(z, undefined);
    }

    /**
     * Z-scores by task then model.
     *
     * @param byTask the z-score of each model, by task
     * @param undefined tasks left out: fewer than two models, or no spread
     */
    public record ZScores(Map<String, Map<String, Double>> byTask, List<String> undefined) {
        public ZScores {
            Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
            byTask.forEach((t, m) -> copy.put(t, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
            byTask = Collections.unmodifiableMap(copy);
            undefined = List.copyOf(undefined);
        }

        /** Each model's z-scores across the tasks, in task order: what one box of a box plot summarises. */
        public Map<String, List<Double>> byModel() {
            Map<String, List<Double>> out = new LinkedHashMap<>();
            byTask.values()
                    .forEach(m -> m.forEach((model, z) ->
                            out.computeIfAbsent(model, k -> new ArrayList<>()).add(z)));
            return out;
        }
    }
}
