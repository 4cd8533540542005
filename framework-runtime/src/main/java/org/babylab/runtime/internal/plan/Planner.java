package org.babylab.runtime.internal.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.babylab.api.ComponentKind;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.Problem;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.model.Reference;
import org.babylab.runtime.internal.model.Trial;
import org.babylab.runtime.internal.registry.PluginCalls;
import org.babylab.runtime.internal.store.KeyDocument;
import org.babylab.runtime.internal.store.Sha256;
import org.babylab.runtime.internal.store.Store;

/**
 * Turns a checked experiment into a {@link Plan}: one step per tokenizer, model and stage of each
 * trial and one per (evaluator, evaluated model), each keyed by the hash of everything that
 * determines its output (Tango/DVC style), so that equal computations across trials become one step
 * and a re-run finds them in the store.
 *
 * <p>This class resolves each trial's references into steps and sources; its parts do the rest:
 * {@link KeyDocuments} (what a key hashes), {@link CurriculumExpansion} (a stage that follows a
 * curriculum becomes one step per phase), {@link KeptCheckpointPlanning} (a stage's kept checkpoints
 * become steps {@code stage@name}), {@link PlanTimeSources} (datasets and curricula opened while
 * planning) and {@link PlanningState} (drafts, sources and problems found so far).
 *
 * <p>Data files are hashed through the store's {@link org.babylab.runtime.internal.store.FileHasher},
 * which remembers hashes by path, size and modification time. Not thread-safe per call; separate
 * planners may run concurrently.
 */
public final class Planner {
    private final ComponentCatalog catalog;
    private final Store store;

    public Planner(ComponentCatalog catalog, Store store) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Plans {@code def}.
     *
     * @throws ExperimentException listing every problem found (unknown types, dangling references,
     *     cycles, a stage without exactly one model input, unreadable data files)
     */
    public Plan plan(ExperimentDefinition def) {
        Run run = new Run(def);
        for (Trial trial : def.trials()) {
            run.planTrial(trial);
        }
        if (!run.problems.isEmpty()) {
            throw new ExperimentException(run.problems);
        }
        return run.finish();
    }

    /** Datasets, curricula, chat templates and rewards: read, not computed, so not steps. */
    static boolean isSource(ComponentKind kind) {
        return kind == ComponentKind.DATASET
                || kind == ComponentKind.CURRICULUM
                || kind == ComponentKind.CHAT_TEMPLATE
                || kind == ComponentKind.REWARD;
    }

    /** The field a kept checkpoint's key document adds to its stage's config: the checkpoint's name and position. */
    public static final String KEPT_FIELD = "@kept";

    /** The key of a stage's config that names the model it starts from, when it names several models. */
    public static final String FROM = "from";

    /**
     * The seed of a component: a stable hash of a base seed (the experiment's, a swept trial seed or
     * the component's own), its kind and its name; not the trial label, so steps shared by trials agree.
     */
    public static long seedOf(long experimentSeed, ComponentKind kind, String name) {
        return Sha256.longOf(experimentSeed + "\u0000" + kind.singular() + "\u0000" + name);
    }

    /** The state of planning one experiment. */
    private final class Run {
        final ExperimentDefinition def;
        final PlanningState state;
        final List<Problem> problems;
        final Map<String, StepDraft> drafts;
        final Map<String, PlannedSource> sources;
        final Map<String, List<String>> trialSteps;
        final KeyDocuments documents;
        final PlanTimeSources opened;
        final CurriculumExpansion curricula;
        final KeptCheckpointPlanning keptCheckpoints;

        Run(ExperimentDefinition def) {
            this.def = def;
            this.state = new PlanningState(def);
            this.problems = state.problems;
            this.drafts = state.drafts;
            this.sources = state.sources;
            this.trialSteps = state.trialSteps;
            this.documents = new KeyDocuments(catalog, store, state);
            this.opened = new PlanTimeSources(catalog, store, state);
            this.curricula = new CurriculumExpansion(state, opened);
            this.keptCheckpoints = new KeptCheckpointPlanning(catalog, state, opened);
        }

        void planTrial(Trial trial) {
            TrialScope scope = new TrialScope(trial);
            for (ComponentDecl decl : trial.components()) {
                ComponentKind k = decl.kind();
                if (k == ComponentKind.TOKENIZER || k == ComponentKind.MODEL || k == ComponentKind.STAGE) {
                    scope.keyOf(decl);
                }
            }
            List<String> targets = new ArrayList<>();
            for (String written : trial.evaluateOn()) {
                targets.addAll(scope.expandCheckpoints(written));
            }
            for (ComponentDecl evaluator : trial.ofKind(ComponentKind.EVALUATOR)) {
                for (String target : targets) {
                    scope.evaluation(evaluator, target);
                }
            }
            trialSteps.put(trial.label(), new ArrayList<>(scope.used));
        }

        void problem(ComponentDecl at, String message, String hint) {
            state.problem(at, message, hint);
        }

        Plan finish() {
            Map<String, String> names = new HashMap<>();
            for (StepDraft d : drafts.values()) {
                names.put(d.key, d.baseName + label(d.trials));
            }
            Map<String, Long> counts = new HashMap<>();
            names.values().forEach(n -> counts.merge(n, 1L, Long::sum));
            List<PlannedStep> steps = new ArrayList<>();
            for (StepDraft d : drafts.values()) {
                String name = names.get(d.key);
                if (counts.get(name) > 1) {
                    // Sweep values alone do not tell these apart; the key prefix does, and stays stable.
                    name = name + " #" + d.key.substring(0, 8);
                }
                steps.add(new PlannedStep(
                        d.key,
                        name,
                        d.decl.kind(),
                        d.decl.type(),
                        d.decl,
                        d.inputs,
                        d.dependsOn,
                        d.document,
                        d.family,
                        d.evaluates,
                        d.trials.stream().map(Trial::label).toList(),
                        d.phase,
                        d.kept));
            }
            return new Plan(def, steps, sources, trialSteps);
        }

        /** {@code " [k=v,...]"} with the sweep values every one of these trials agrees on; empty when none. */
        private String label(List<Trial> trials) {
            Map<String, Object> common = new LinkedHashMap<>(trials.get(0).sweepValues());
            for (Trial t : trials.subList(1, trials.size())) {
                common.entrySet().removeIf(e -> !Objects.equals(t.sweepValues().get(e.getKey()), e.getValue()));
            }
            if (common.isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder(" [");
            common.forEach((k, v) ->
                    sb.append(sb.length() == 2 ? "" : ",").append(k).append('=').append(v));
            return sb.append(']').toString();
        }

        /** Resolution within one trial: names refer to that trial's declarations. */
        private final class TrialScope implements StepDrafter {
            final Trial trial;
            final Map<String, String> keys = new HashMap<>();
            final Set<String> visiting = new LinkedHashSet<>();
            final Set<String> used = new LinkedHashSet<>();
            /** Per stage name, its kept checkpoints' keys by checkpoint name, in training order. */
            final Map<String, Map<String, String>> keptKeys = new HashMap<>();

            TrialScope(Trial trial) {
                this.trial = trial;
            }

            /**
             * {@code written} itself, or for {@code stage@*} every kept checkpoint of the stage as
             * {@code stage@name}; reports a {@code stage@name} the stage does not keep, naming the
             * ones it does, at the name's place in {@code evaluate.on}.
             */
            List<String> expandCheckpoints(String written) {
                int at = written.indexOf(KeptPlan.AT);
                if (at < 0) {
                    return List.of(written);
                }
                String stage = written.substring(0, at);
                String name = written.substring(at + 1);
                Optional<ComponentDecl> decl = trial.find(ComponentKind.STAGE, stage);
                if (decl.isEmpty() || keyOf(decl.get()) == null) {
                    return List.of(); // the loader reported the missing stage; a stage with problems has them reported
                }
                Map<String, String> kept = keptKeys.getOrDefault(stage, Map.of());
                if (name.equals(KeptPlan.ALL)) {
                    if (kept.isEmpty()) {
                        onProblem(
                                written,
                                decl.get(),
                                "evaluate.on names '" + written + "', but stage '" + stage + "' keeps no checkpoints",
                                "declare which to keep in the stage, e.g. keep: {words: babylm-2025} or keep: {epochs: all}");
                    }
                    return kept.keySet().stream()
                            .map(n -> stage + KeptPlan.AT + n)
                            .toList();
                }
                if (!kept.containsKey(name)) {
                    onProblem(
                            written,
                            decl.get(),
                            "evaluate.on names '" + written + "', but stage '" + stage + "' keeps no checkpoint '"
                                    + name + "'",
                            kept.isEmpty()
                                    ? "stage '" + stage
                                            + "' keeps no checkpoints; declare some with keep: (e.g. keep: {epochs: all})"
                                    : "its kept checkpoints: " + String.join(", ", kept.keySet()) + "; or " + stage
                                            + "@* for all of them");
                    return List.of();
                }
                return List.of(written);
            }

            /** Reports a problem at {@code written}'s place in {@code evaluate.on}, or at {@code fallback}'s declaration. */
            private void onProblem(String written, ComponentDecl fallback, String message, String hint) {
                org.babylab.runtime.SourceLocation where =
                        trial.evaluateOnLocations().get(written);
                if (where == null) {
                    problem(fallback, message, hint);
                } else {
                    state.problem(where, message, hint);
                }
            }

            /** The key of a model, stage or kept checkpoint ({@code stage@name}) named in {@code evaluate.on}; null if unknown. */
            private String targetKey(String target) {
                int at = target.indexOf(KeptPlan.AT);
                if (at < 0) {
                    return resolveModel(target).map(this::keyOf).orElse(null);
                }
                return keptKeys.getOrDefault(target.substring(0, at), Map.of()).get(target.substring(at + 1));
            }

            /** The step key or source fingerprint of {@code decl}; null after reporting a problem. */
            String keyOf(ComponentDecl decl) {
                String id = decl.id();
                if (keys.containsKey(id)) {
                    return keys.get(id);
                }
                if (!visiting.add(id)) {
                    problem(
                            decl,
                            "reference cycle: " + String.join(" -> ", visiting) + " -> " + id,
                            "a component cannot depend on itself, directly or through others");
                    return null;
                }
                try {
                    String key = computeKey(decl);
                    keys.put(id, key);
                    return key;
                } finally {
                    visiting.remove(id);
                }
            }

            void evaluation(ComponentDecl evaluator, String target) {
                boolean checkpoint = target.indexOf(KeptPlan.AT) >= 0;
                if (!checkpoint && resolveModel(target).isEmpty()) {
                    problem(
                            evaluator,
                            "evaluate.on names '" + target + "', which is neither a model nor a stage of trial "
                                    + trial.label(),
                            "declared models and stages: " + declaredNames(ComponentKind.MODEL, ComponentKind.STAGE));
                    return;
                }
                String modelKey = targetKey(target);
                if (modelKey == null) {
                    return;
                }
                Map<String, String> inputs = new TreeMap<>();
                for (Reference ref : evaluator.references()) {
                    Optional<ComponentDecl> dep = ref.kind() == ComponentKind.MODEL
                            ? resolveModel(ref.target())
                            : trial.find(ref.kind(), ref.target());
                    String depKey = dep.map(this::keyOf).orElse(null);
                    if (dep.isEmpty()) {
                        problem(
                                evaluator,
                                evaluator.id() + "." + ref.key() + " refers to "
                                        + ref.kind().singular() + " '" + ref.target() + "', which trial "
                                        + trial.label() + " does not declare",
                                "declared: " + declaredNames(ref.kind()));
                    }
                    if (depKey == null) {
                        return;
                    }
                    inputs.put(ref.target(), depKey);
                    if (ref.kind() == ComponentKind.REWARD) {
                        rewardInputs(sources.get(depKey), inputs);
                    }
                }
                // Put last: the evaluated model wins should a dataset happen to be called "model".
                inputs.put(PlannedStep.EVALUATED_MODEL, modelKey);
                ComponentDecl family = drafts.get(modelKey).family;
                if (!checkEvaluator(evaluator, family, target)) {
                    return;
                }
                StepDraft d = draft(evaluator, inputs, family, target, "eval:" + evaluator.name() + " on " + target);
                if (d != null) {
                    markUsed(d.key);
                }
            }

            private String computeKey(ComponentDecl decl) {
                ComponentKind kind = decl.kind();
                Map<String, String> inputs = new TreeMap<>();
                ComponentDecl family = kind == ComponentKind.MODEL ? decl : null;
                List<Reference> modelRefs = new ArrayList<>();
                boolean broken = false;
                for (Reference ref : decl.references()) {
                    Optional<ComponentDecl> target = ref.kind() == ComponentKind.MODEL
                            ? resolveModel(ref.target())
                            : trial.find(ref.kind(), ref.target());
                    if (target.isEmpty()) {
                        problem(
                                decl,
                                decl.id() + "." + ref.key() + " refers to "
                                        + ref.kind().singular() + " '" + ref.target() + "', which trial "
                                        + trial.label() + " does not declare",
                                "declared: " + declaredNames(ref.kind()));
                        broken = true;
                        continue;
                    }
                    String key = keyOf(target.get());
                    if (key == null) {
                        broken = true;
                        continue;
                    }
                    inputs.put(ref.target(), key);
                    if (ref.kind() == ComponentKind.MODEL) {
                        modelRefs.add(ref);
                    }
                    if (ref.kind() == ComponentKind.REWARD) {
                        // A reward's models (a teacher) are inputs of whoever uses the reward: they must be computed
                        // first.
                        rewardInputs(sources.get(key), inputs);
                    }
                }
                if (kind == ComponentKind.STAGE && modelRefs.size() > 1) {
                    // Further models (a frozen reference, a teacher) are inputs; the stage's family is that of 'from'.
                    modelRefs =
                            modelRefs.stream().filter(r -> r.key().equals(FROM)).toList();
                }
                if (kind == ComponentKind.STAGE && modelRefs.size() != 1 && !broken) {
                    problem(
                            decl,
                            "stage '" + decl.name() + "' must start from exactly one model, but its config names "
                                    + (modelRefs.isEmpty()
                                            ? "none"
                                            : modelRefs.stream()
                                                    .map(r -> r.key() + "=" + r.target())
                                                    .toList()),
                            "give the stage one @Ref(MODEL) key (by convention 'from') naming a model or an earlier stage; "
                                    + "a stage that reads several models names the one it trains in 'from'");
                    return null;
                }
                if (kind == ComponentKind.STAGE && !broken) {
                    family = drafts.get(inputs.get(modelRefs.get(0).target())).family;
                    if (!checkStage(decl, inputs)) {
                        return null;
                    }
                }
                if (broken) {
                    return null;
                }
                if (isSource(kind)) {
                    KeyDocument doc = documents.document(decl, null, inputs, decl.canonicalConfig());
                    if (doc == null) {
                        return null;
                    }
                    String fp = doc.key();
                    sources.putIfAbsent(fp, new PlannedSource(fp, decl, inputs, doc));
                    return fp;
                }
                List<Reference> curricula = decl.references().stream()
                        .filter(r -> r.kind() == ComponentKind.CURRICULUM)
                        .toList();
                if (kind == ComponentKind.STAGE && !curricula.isEmpty()) {
                    if (curricula.size() > 1) {
                        problem(
                                decl,
                                "stage '" + decl.name() + "' names " + curricula.size() + " curricula "
                                        + curricula.stream()
                                                .map(Reference::target)
                                                .toList(),
                                "a stage follows at most one curriculum; its phases become the stage's steps");
                        return null;
                    }
                    String last =
                            Run.this.curricula.expand(this, decl, inputs, family, modelRefs.get(0), curricula.get(0));
                    if (last != null) {
                        markUsed(last);
                    }
                    return last;
                }
                StepDraft d = draft(decl, inputs, family, null, decl.id());
                if (d == null) {
                    return null;
                }
                markUsed(d.key);
                if (kind == ComponentKind.STAGE) {
                    Map<String, String> kept = keptCheckpoints.plan(this, decl, inputs, family, d);
                    if (kept != null) {
                        keptKeys.put(decl.name(), kept);
                    }
                }
                return d.key;
            }

            /**
             * Runs the stage factory's plan-time {@link TrainingStageFactory#check} on the stage's
             * resolved inputs; reports what it throws at the stage's declaration. False on a problem.
             */
            @SuppressWarnings({"unchecked", "rawtypes"})
            private boolean checkStage(ComponentDecl decl, Map<String, String> inputs) {
                Optional<ComponentFactory<?>> f = catalog.factory(decl.kind(), decl.type());
                if (f.isEmpty() || !(f.get() instanceof TrainingStageFactory stage)) {
                    return true; // an unknown type is reported when its key document is made
                }
                try {
                    PluginCalls.run(stage, () -> stage.check(decl.config(), opened.planInputs(decl, inputs)));
                    return true;
                } catch (Exception | LinkageError e) {
                    String message = e.getMessage() == null ? e.toString() : e.getMessage();
                    if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
                        message = u.getCause().getMessage();
                    }
                    problem(decl, "stage '" + decl.name() + "' (type " + decl.type() + "): " + message, "");
                    return false;
                }
            }

            /**
             * Runs the evaluator factory's plan-time {@link EvaluatorFactory#check} against the
             * evaluated model's family; reports what it throws at the evaluator. False on a problem.
             */
            @SuppressWarnings({"unchecked", "rawtypes"})
            private boolean checkEvaluator(ComponentDecl decl, ComponentDecl family, String target) {
                Optional<ComponentFactory<?>> f = catalog.factory(decl.kind(), decl.type());
                Optional<ComponentFactory<?>> m =
                        family == null ? Optional.empty() : catalog.factory(ComponentKind.MODEL, family.type());
                if (f.isEmpty() || !(f.get() instanceof EvaluatorFactory ef) || m.isEmpty()) {
                    return true; // unknown types are reported when their key documents are made
                }
                try {
                    PluginCalls.run(ef, () -> ef.check(decl.config(), (ModelFactory<?>) m.get()));
                    return true;
                } catch (Exception | LinkageError e) {
                    String message = e.getMessage() == null ? e.toString() : e.getMessage();
                    problem(
                            decl,
                            "evaluator '" + decl.name() + "' (type " + decl.type() + ") cannot evaluate '" + target
                                    + "', a model of type " + family.type() + ": " + message,
                            "");
                    return false;
                }
            }

            /** Adds the inputs of a reward source (and of the rewards it combines) to {@code into}. */
            private void rewardInputs(PlannedSource reward, Map<String, String> into) {
                if (reward == null) {
                    return;
                }
                reward.inputs().forEach((name, key) -> {
                    into.putIfAbsent(name, key);
                    PlannedSource nested = sources.get(key);
                    if (nested != null && nested.decl().kind() == ComponentKind.REWARD) {
                        rewardInputs(nested, into);
                    }
                });
            }

            /** Creates or joins the step for {@code decl} with these inputs. */
            private StepDraft draft(
                    ComponentDecl decl,
                    Map<String, String> inputs,
                    ComponentDecl family,
                    String evaluates,
                    String baseName) {
                return draft(decl, inputs, family, evaluates, baseName, decl.canonicalConfig(), null);
            }

            @Override
            public StepDraft draft(
                    ComponentDecl decl,
                    Map<String, String> inputs,
                    ComponentDecl family,
                    String evaluates,
                    String baseName,
                    Map<String, Object> config,
                    PhasePlan phase) {
                KeyDocument doc = documents.document(decl, stepSeed(decl), inputs, config);
                if (doc == null) {
                    return null;
                }
                String key = doc.key();
                StepDraft d = drafts.get(key);
                if (d == null) {
                    List<String> deps = new ArrayList<>();
                    for (String k : new LinkedHashSet<>(inputs.values())) {
                        if (drafts.containsKey(k)) {
                            deps.add(k);
                        }
                    }
                    d = new StepDraft(key, decl, baseName, inputs, deps, doc, family, evaluates, phase);
                    drafts.put(key, d);
                }
                if (!d.trials.contains(trial)) {
                    d.trials.add(trial);
                }
                return d;
            }

            /**
             * The seed a step of {@code decl} is keyed by and gets as {@code context.seed()}: derived
             * from the component's own {@code seed:}, else the trial's (a swept {@code seed}), else the
             * experiment's. A factory that does not use the seed keeps the experiment's, so the steps
             * of several seeds share it (docs/dsl.md, "Seeds").
             */
            @Override
            public long stepSeed(ComponentDecl decl) {
                boolean seeded = catalog.factory(decl.kind(), decl.type())
                        .map(ComponentFactory::usesSeed)
                        .orElse(true);
                long base = !seeded ? def.seed() : decl.seed() != null ? decl.seed() : trial.seed(def.seed());
                return seedOf(base, decl.kind(), decl.name());
            }

            /** Marks a step and, transitively, its dependencies as needed by this trial. */
            @Override
            public void markUsed(String key) {
                StepDraft d = drafts.get(key);
                for (String dep : d.dependsOn) {
                    markUsed(dep);
                    if (!drafts.get(dep).trials.contains(trial)) {
                        drafts.get(dep).trials.add(trial);
                    }
                }
                used.add(key);
            }

            private Optional<ComponentDecl> resolveModel(String name) {
                Optional<ComponentDecl> m = trial.find(ComponentKind.MODEL, name);
                return m.isPresent() ? m : trial.find(ComponentKind.STAGE, name);
            }

            private List<String> declaredNames(ComponentKind... kinds) {
                List<String> out = new ArrayList<>();
                for (ComponentKind k : kinds) {
                    trial.ofKind(k).forEach(c -> out.add(c.name()));
                }
                return out;
            }
        }
    }
}
