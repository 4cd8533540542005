package org.babylab.runtime.internal.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.store.KeyDocument;

/**
 * The DAG of an experiment: distinct steps in topological order (every step after the steps it
 * depends on), the sources their keys depend on, and which steps each trial needs. Immutable.
 *
 * @param definition the planned experiment
 * @param steps distinct steps, dependencies first
 * @param sources datasets, curricula and chat templates by fingerprint
 * @param trialSteps per trial label, the keys of every step the trial needs, in plan order
 */
public record Plan(
        ExperimentDefinition definition,
        List<PlannedStep> steps,
        Map<String, PlannedSource> sources,
        Map<String, List<String>> trialSteps) {
    public Plan {
        steps = List.copyOf(steps);
        sources = Map.copyOf(sources);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        trialSteps.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        trialSteps = java.util.Collections.unmodifiableMap(copy);
    }

    /** The step with {@code key}. */
    public Optional<PlannedStep> step(String key) {
        return steps.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The step called {@code name} exactly. */
    public Optional<PlannedStep> stepNamed(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The key document of a step key or source fingerprint of this plan. */
    public Optional<KeyDocument> document(String key) {
        Optional<PlannedStep> s = step(key);
        if (s.isPresent()) {
            return Optional.of(s.get().keyDocument());
        }
        PlannedSource src = sources.get(key);
        return src == null ? Optional.empty() : Optional.of(src.document());
    }

    /** What a human calls the step or source behind {@code key}, e.g. {@code dataset:corpus}. */
    public Optional<String> describe(String key) {
        Optional<PlannedStep> s = step(key);
        if (s.isPresent()) {
            return Optional.of(s.get().name());
        }
        PlannedSource src = sources.get(key);
        return src == null ? Optional.empty() : Optional.of(src.decl().id());
    }

    /**
     * The part of this plan needed for {@code keys}: those steps and, transitively, the steps they
     * depend on, in the same order; trials keep only their steps among them. For
     * {@code run --only-step KEY} and cluster jobs, which run one step once its inputs exist.
     *
     * @throws IllegalArgumentException naming a key that is not a step of this plan
     */
    public Plan upTo(java.util.Collection<String> keys) {
        java.util.Set<String> needed = new java.util.HashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(keys);
        while (!todo.isEmpty()) {
            String k = todo.pop();
            PlannedStep s = step(k).orElseThrow(() -> new IllegalArgumentException("no step of experiment "
                    + definition.name() + " has key " + k + "; its steps are "
                    + steps.stream().map(x -> x.shortKey() + " " + x.name()).toList()));
            if (needed.add(k)) {
                todo.addAll(s.dependsOn());
            }
        }
        Map<String, List<String>> trials = new LinkedHashMap<>();
        trialSteps.forEach(
                (t, ks) -> trials.put(t, ks.stream().filter(needed::contains).toList()));
        return new Plan(
                definition, steps.stream().filter(s -> needed.contains(s.key())).toList(), sources, trials);
    }

    /**
     * How many training computations (models and stages, curriculum phases included) sharing saved:
     * the sum over trials of their training steps, minus the distinct training steps.
     */
    public int trainingStepsSavedBySharing() {
        java.util.Set<String> training = new java.util.HashSet<>();
        steps.stream().filter(PlannedStep::isTraining).forEach(s -> training.add(s.key()));
        int perTrial = trialSteps.values().stream()
                .mapToInt(ks -> (int) ks.stream().filter(training::contains).count())
                .sum();
        return perTrial - training.size();
    }

    /**
     * How many training examples curriculum phases shared between trials do not see again: for each
     * phase step, its manifest's length times the number of trials beyond the first that use it.
     */
    public long examplesSavedBySharing() {
        return steps.stream()
                .filter(s -> s.phase() != null)
                .mapToLong(s -> (long) s.phase().order().size() * (s.trials().size() - 1))
                .sum();
    }

    /** How many step computations sharing saved: the sum over trials of their steps, minus distinct steps. */
    public int savedBySharing() {
        return trialSteps.values().stream().mapToInt(List::size).sum() - steps.size();
    }
}
