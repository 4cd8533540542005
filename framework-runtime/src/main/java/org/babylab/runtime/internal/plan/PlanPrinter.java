package org.babylab.runtime.internal.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.babylab.runtime.internal.store.Json;
import org.babylab.runtime.internal.store.RunRecord;
import org.babylab.runtime.internal.store.Store;

/**
 * Shows a plan before it runs: as an indented tree for people ({@code babylab plan}) and as JSON for
 * tools. Stateless.
 */
public final class PlanPrinter {
    private PlanPrinter() {}

    /**
     * The DAG as a tree: steps without step inputs first, each step's dependents indented below it.
     * A step reachable from several parents is printed in full the first time and as
     * {@code ↑ shared} afterwards. Each line: status, name, short key, and the duration of the last
     * stored run of a step with the same name when there is one. Ends with a summary.
     */
    public static String tree(Plan plan, Store store) {
        String experiment = plan.definition().name();
        Map<String, List<PlannedStep>> children = new LinkedHashMap<>();
        plan.steps()
                .forEach(s -> s.dependsOn()
                        .forEach(d -> children.computeIfAbsent(d, k -> new ArrayList<>())
                                .add(s)));
        Map<String, String> status = statuses(plan, store);
        Map<String, String> shownUnder = new HashMap<>();
        StringBuilder sb = new StringBuilder();
        sb.append("experiment ")
                .append(plan.definition().name())
                .append(": ")
                .append(plan.trialSteps().size())
                .append(" trial(s)\n");
        for (PlannedStep s : plan.steps()) {
            if (s.dependsOn().isEmpty()) {
                print(sb, s, null, 0, children, status, shownUnder, store, experiment);
            }
        }
        long cached =
                plan.steps().stream().filter(s -> store.isComplete(s.key())).count();
        sb.append('\n')
                .append(plan.steps().size())
                .append(" steps, ")
                .append(cached)
                .append(" cached, ")
                .append(plan.steps().size() - cached)
                .append(" to run; sharing between trials saved ")
                .append(plan.savedBySharing())
                .append(" step(s)");
        int training = plan.trainingStepsSavedBySharing();
        long examples = plan.examplesSavedBySharing();
        sb.append(", of which ").append(training).append(" training step(s) (models and stages)");
        if (examples > 0) {
            sb.append(" and ").append(examples).append(" curriculum example(s) trained once instead of per trial");
        }
        sb.append('\n');
        return sb.toString();
    }

    private static void print(
            StringBuilder sb,
            PlannedStep s,
            PlannedStep parent,
            int depth,
            Map<String, List<PlannedStep>> children,
            Map<String, String> status,
            Map<String, String> shownUnder,
            Store store,
            String experiment) {
        int width = status.values().stream().mapToInt(String::length).max().orElse(0);
        String indent = "  ".repeat(depth);
        if (shownUnder.containsKey(s.key())) {
            sb.append("  ")
                    .append(" ".repeat(width))
                    .append("  ")
                    .append(indent)
                    .append("↑ shared with ")
                    .append(s.name())
                    .append(" (")
                    .append(s.shortKey())
                    .append("), shown under ")
                    .append(shownUnder.get(s.key()))
                    .append('\n');
            return;
        }
        shownUnder.put(s.key(), parent == null ? "the roots" : parent.name());
        String st = status.get(s.key());
        sb.append("  ")
                .append(st)
                .append(" ".repeat(width - st.length()))
                .append("  ")
                .append(indent)
                .append(s.name())
                .append("  ")
                .append(s.shortKey());
        cost(s, store, experiment).ifPresent(c -> sb.append("  ~").append(c));
        if (s.trials().size() > 1) {
            sb.append("  (").append(s.trials().size()).append(" trials)");
        }
        sb.append('\n');
        for (PlannedStep c : children.getOrDefault(s.key(), List.of())) {
            print(sb, c, s, depth + 1, children, status, shownUnder, store, experiment);
        }
    }

    /**
     * {@code cached}, {@code will run}, or {@code after <short key>} of the first unfinished input
     * (a short key, not the input's name: names with sweep labels are long, and the tree already
     * shows the input above).
     */
    private static Map<String, String> statuses(Plan plan, Store store) {
        Map<String, String> out = new HashMap<>();
        Set<String> cached = new HashSet<>();
        for (PlannedStep s : plan.steps()) {
            if (store.isComplete(s.key())) {
                cached.add(s.key());
                out.put(s.key(), "cached");
                continue;
            }
            Optional<String> waitFor =
                    s.dependsOn().stream().filter(d -> !cached.contains(d)).findFirst();
            out.put(
                    s.key(),
                    waitFor.map(d -> "after "
                                    + plan.step(d).map(PlannedStep::shortKey).orElse(d))
                            .orElse("will run"));
        }
        return out;
    }

    /** The last duration of this step in this experiment and trial: other studies' timings would mislead. */
    private static Optional<String> cost(PlannedStep s, Store store, String experiment) {
        return PastRuns.latest(store, experiment, s, null)
                .map(RunRecord::durationMillis)
                .map(ms -> formatDuration(Duration.ofMillis(ms)));
    }

    /**
     * The plan as JSON:
     * {@code {experiment, trials:[...], steps:[{key, name, kind, type, inputs:{ref:key}, cached, trials:[...]}], saved_by_sharing}}.
     */
    public static String json(Plan plan, Store store) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("experiment", plan.definition().name());
        root.put("trials", List.copyOf(plan.trialSteps().keySet()));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (PlannedStep s : plan.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", s.key());
            m.put("name", s.name());
            m.put("kind", s.kind().singular());
            m.put("type", s.type());
            m.put("inputs", new java.util.TreeMap<>(s.inputs()));
            m.put("cached", store.isComplete(s.key()));
            m.put("trials", s.trials());
            if (s.phase() != null) {
                Map<String, Object> phase = new LinkedHashMap<>();
                phase.put("curriculum", s.phase().curriculum());
                phase.put("index", s.phase().index() + 1);
                phase.put("count", s.phase().count());
                phase.put("name", s.phase().phase().name());
                phase.put("examples", s.phase().order().size());
                phase.put("order_manifest", s.phase().order().hash());
                m.put("phase", phase);
            }
            steps.add(m);
        }
        root.put("steps", steps);
        root.put("saved_by_sharing", plan.savedBySharing());
        root.put("training_steps_saved_by_sharing", plan.trainingStepsSavedBySharing());
        root.put("examples_saved_by_sharing", plan.examplesSavedBySharing());
        try {
            return Json.MAPPER
                    .copy()
                    .disable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan is not serialisable: " + e.getMessage(), e);
        }
    }

    /** A short human duration: {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h07m}. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format("%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        return s < 3600
                ? String.format("%dm%02ds", s / 60, s % 60)
                : String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
