package org.babylab.runtime.internal.plan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.babylab.api.ComponentKind;
import java.util.stream.Stream;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.curriculum.CurriculumPhase;
import org.babylab.api.curriculum.OrderManifest;
import org.babylab.api.data.Dataset;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.spi.CurriculumFactory;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.spi.TrainingStageFactory;
import org.babylab.api.step.PlanInputs;
import org.babylab.api.step.ComponentContext;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.PluginOrigin;
import org.babylab.runtime.Problem;
import org.babylab.runtime.internal.model.Reference;
import org.babylab.runtime.internal.model.Trial;
import org.babylab.runtime.internal.store.KeyDocument;
import org.babylab.runtime.internal.store.Sha256;
import org.babylab.runtime.internal.store.Store;
import org.babylab.runtime.internal.registry.PluginCalls;

/**
 * Turns a checked experiment into a {@link Plan}: one step per tokenizer, model and stage of each
 * trial and one per (evaluator, evaluated model), each keyed by the hash of everything that
 * determines its output (Tango/DVC style), so that equal computations across trials become one step
 * and a re-run finds them in the store.
 *
 * <p>A stage whose config references a curriculum becomes one step per curriculum phase, chained:
 * phase 1 starts from the stage's model input, phase k from phase k-1, and the stage's name refers
 * to the last phase. The order of a phase's examples (its {@link org.babylab.api.curriculum.OrderManifest})
 * is laid out at plan time from the sizes of its datasets, which are counted once per fingerprint
 * and cached in the store; its hash, not the curriculum's name, goes into the phase's key, so
 * curricula that begin alike share their first phases.
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
        return kind == ComponentKind.DATASET || kind == ComponentKind.CURRICULUM || kind == ComponentKind.CHAT_TEMPLATE
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

    /** A step under construction: trials accumulate as more trials reach the same key. */
    private static final class Draft {
        final String key;
        final ComponentDecl decl;
        final String baseName;
        final Map<String, String> inputs;
        final List<String> dependsOn;
        final KeyDocument document;
        final ComponentDecl family;
        final String evaluates;
        final PhasePlan phase;
        KeptPlan kept;
        final List<Trial> trials = new ArrayList<>();

        Draft(String key, ComponentDecl decl, String baseName, Map<String, String> inputs, List<String> dependsOn,
              KeyDocument document, ComponentDecl family, String evaluates, PhasePlan phase) {
            this.key = key;
            this.decl = decl;
            this.baseName = baseName;
            this.inputs = inputs;
            this.dependsOn = dependsOn;
            this.document = document;
            this.family = family;
            this.evaluates = evaluates;
            this.phase = phase;
        }
    }

    /** The state of planning one experiment. */
    private final class Run {
        final ExperimentDefinition def;
        final List<Problem> problems = new ArrayList<>();
        final Map<String, Draft> drafts = new LinkedHashMap<>();
        final Map<String, Source> sources = new LinkedHashMap<>();
        final Map<String, List<String>> trialSteps = new LinkedHashMap<>();
        final Set<String> reported = new HashSet<>();

        Run(ExperimentDefinition def) {
            this.def = def;
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
            // Each trial re-resolves shared declarations; report each distinct problem once.
            if (reported.add(at.location() + message)) {
                problems.add(Problem.error(at.location(), message, hint));
            }
        }

        Plan finish() {
            Map<String, String> names = new HashMap<>();
            for (Draft d : drafts.values()) {
                names.put(d.key, d.baseName + label(d.trials));
            }
            Map<String, Long> counts = new HashMap<>();
            names.values().forEach(n -> counts.merge(n, 1L, Long::sum));
            List<Step> steps = new ArrayList<>();
            for (Draft d : drafts.values()) {
                String name = names.get(d.key);
                if (counts.get(name) > 1) {
                    // Sweep values alone do not tell these apart; the key prefix does, and stays stable.
                    name = name + " #" + d.key.substring(0, 8);
                }
                steps.add(new Step(d.key, name, d.decl.kind(), d.decl.type(), d.decl, d.inputs, d.dependsOn,
                        d.document, d.family, d.evaluates, d.trials.stream().map(Trial::label).toList(), d.phase, d.kept));
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
            common.forEach((k, v) -> sb.append(sb.length() == 2 ? "" : ",").append(k).append('=').append(v));
            return sb.append(']').toString();
        }

        /** Resolution within one trial: names refer to that trial's declarations. */
        private final class TrialScope {
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
                    return List.of();  // the loader reported the missing stage; a stage with problems has them reported
                }
                Map<String, String> kept = keptKeys.getOrDefault(stage, Map.of());
                if (name.equals(KeptPlan.ALL)) {
                    if (kept.isEmpty()) {
                        onProblem(written, decl.get(), "evaluate.on names '" + written + "', but stage '" + stage + "' keeps no checkpoints",
                                "declare which to keep in the stage, e.g. keep: {words: babylm-2025} or keep: {epochs: all}");
                    }
                    return kept.keySet().stream().map(n -> stage + KeptPlan.AT + n).toList();
                }
                if (!kept.containsKey(name)) {
                    onProblem(written, decl.get(), "evaluate.on names '" + written + "', but stage '" + stage + "' keeps no checkpoint '" + name + "'",
                            kept.isEmpty() ? "stage '" + stage + "' keeps no checkpoints; declare some with keep: (e.g. keep: {epochs: all})"
                                    : "its kept checkpoints: " + String.join(", ", kept.keySet()) + "; or " + stage + "@* for all of them");
                    return List.of();
                }
                return List.of(written);
            }

            /** Reports a problem at {@code written}'s place in {@code evaluate.on}, or at {@code fallback}'s declaration. */
            private void onProblem(String written, ComponentDecl fallback, String message, String hint) {
                org.babylab.runtime.SourceLocation where = trial.evaluateOnLocations().get(written);
                if (where == null) {
                    problem(fallback, message, hint);
                } else if (reported.add(where + message)) {
                    problems.add(Problem.error(where, message, hint));
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
                    problem(decl, "reference cycle: " + String.join(" -> ", visiting) + " -> " + id,
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
                    problem(evaluator, "evaluate.on names '" + target + "', which is neither a model nor a stage of trial " + trial.label(),
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
                            ? resolveModel(ref.target()) : trial.find(ref.kind(), ref.target());
                    String depKey = dep.map(this::keyOf).orElse(null);
                    if (dep.isEmpty()) {
                        problem(evaluator, evaluator.id() + "." + ref.key() + " refers to " + ref.kind().singular() + " '"
                                + ref.target() + "', which trial " + trial.label() + " does not declare",
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
                inputs.put(Step.EVALUATED_MODEL, modelKey);
                ComponentDecl family = drafts.get(modelKey).family;
                if (!checkEvaluator(evaluator, family, target)) {
                    return;
                }
                Draft d = draft(evaluator, inputs, family, target, "eval:" + evaluator.name() + " on " + target);
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
                            ? resolveModel(ref.target()) : trial.find(ref.kind(), ref.target());
                    if (target.isEmpty()) {
                        problem(decl, decl.id() + "." + ref.key() + " refers to " + ref.kind().singular() + " '" + ref.target()
                                + "', which trial " + trial.label() + " does not declare",
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
                        // A reward's models (a teacher) are inputs of whoever uses the reward: they must be computed first.
                        rewardInputs(sources.get(key), inputs);
                    }
                }
                if (kind == ComponentKind.STAGE && modelRefs.size() > 1) {
                    // Further models (a frozen reference, a teacher) are inputs; the stage's family is that of 'from'.
                    modelRefs = modelRefs.stream().filter(r -> r.key().equals(FROM)).toList();
                }
                if (kind == ComponentKind.STAGE && modelRefs.size() != 1 && !broken) {
                    problem(decl, "stage '" + decl.name() + "' must start from exactly one model, but its config names "
                                    + (modelRefs.isEmpty() ? "none" : modelRefs.stream().map(r -> r.key() + "=" + r.target()).toList()),
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
                    KeyDocument doc = document(decl, null, inputs, decl.canonicalConfig());
                    if (doc == null) {
                        return null;
                    }
                    String fp = doc.key();
                    sources.putIfAbsent(fp, new Source(fp, decl, inputs, doc));
                    return fp;
                }
                List<Reference> curricula = decl.references().stream().filter(r -> r.kind() == ComponentKind.CURRICULUM).toList();
                if (kind == ComponentKind.STAGE && !curricula.isEmpty()) {
                    if (curricula.size() > 1) {
                        problem(decl, "stage '" + decl.name() + "' names " + curricula.size() + " curricula " + curricula.stream().map(Reference::target).toList(),
                                "a stage follows at most one curriculum; its phases become the stage's steps");
                        return null;
                    }
                    String last = phases(decl, inputs, family, modelRefs.get(0), curricula.get(0));
                    if (last != null) {
                        markUsed(last);
                    }
                    return last;
                }
                Draft d = draft(decl, inputs, family, null, decl.id());
                if (d == null) {
                    return null;
                }
                markUsed(d.key);
                if (kind == ComponentKind.STAGE) {
                    keptCheckpoints(decl, inputs, family, d);
                }
                return d.key;
            }

            /**
             * Plans the kept checkpoints of a stage step as steps {@code stage@name}, published by the
             * stage's step while it trains. A checkpoint's key is the stage's key document with the
             * factory's {@link TrainingStageFactory#lengthKeys} (how far training goes) left out and
             * the checkpoint's name and position added: the same inputs, seed, code and every other
             * setting, so it changes with anything that changes the weights up to that point, and
             * not with training that goes further. The stage is only an ordering dependency.
             */
            @SuppressWarnings({"unchecked", "rawtypes"})
            private void keptCheckpoints(ComponentDecl stage, Map<String, String> inputs, ComponentDecl family, Draft stageDraft) {
                Optional<ComponentFactory<?>> f = catalog.factory(stage.kind(), stage.type());
                if (f.isEmpty() || !(f.get() instanceof TrainingStageFactory factory)) {
                    return;
                }
                List<org.babylab.api.step.KeptCheckpoint> points;
                Set<String> lengthKeys;
                String dependence;
                try {
                    points = PluginCalls.withContextLoader(factory, () -> factory.keptCheckpoints(stage.config(), planInputs(stage, inputs)));
                    lengthKeys = PluginCalls.withContextLoader(factory, () -> factory.lengthKeys(stage.config()));
                    dependence = PluginCalls.withContextLoader(factory, () -> factory.lengthDependence(stage.config()));
                } catch (Exception | LinkageError e) {
                    String message = e.getMessage() == null ? e.toString() : e.getMessage();
                    problem(stage, "stage '" + stage.name() + "' (type " + stage.type() + "): cannot list its kept checkpoints: " + message, "");
                    return;
                }
                Map<String, String> byName = new LinkedHashMap<>();
                for (org.babylab.api.step.KeptCheckpoint point : points == null ? List.<org.babylab.api.step.KeptCheckpoint>of() : points) {
                    if (byName.containsKey(point.name())) {
                        problem(stage, "stage '" + stage.name() + "' keeps two checkpoints named '" + point.name() + "'", "");
                        return;
                    }
                    Map<String, Object> config = new LinkedHashMap<>(stage.canonicalConfig());
                    lengthKeys.forEach(config::remove);
                    Map<String, Object> descriptor = new LinkedHashMap<>();
                    descriptor.put("name", point.name());
                    descriptor.put("position", point.position());
                    if (lengthKeys.isEmpty() && dependence != null) {
                        // Shown by explain: why extending this stage cannot reuse its checkpoints.
                        descriptor.put("depends_on_length", dependence);
                    }
                    config.put(KEPT_FIELD, descriptor);
                    Draft d = draft(stage, inputs, family, null, stage.id() + KeptPlan.AT + point.name(), config, null);
                    if (d == null) {
                        return;
                    }
                    d.kept = new KeptPlan(stageDraft.key, stage.name(), point.name());
                    // Only the stage, which depends on everything else it reads: plans show the checkpoint under it.
                    d.dependsOn.clear();
                    d.dependsOn.add(stageDraft.key);
                    byName.put(point.name(), d.key);
                    markUsed(d.key);
                }
                keptKeys.put(stage.name(), byName);
            }

            /**
             * Plans a stage that follows a curriculum as one step per phase, chained from the stage's
             * model input, and returns the last phase's key (what the stage's name refers to). A
             * phase step's key covers the stage's type, version, code and config without the
             * curriculum's name, the previous step's key, the phase's datasets and its order
             * manifest: nothing of later phases, so curricula that begin alike share their first steps.
             */
            private String phases(ComponentDecl stage, Map<String, String> inputs, ComponentDecl family, Reference from, Reference curriculumRef) {
                Source source = sources.get(inputs.get(curriculumRef.target()));
                Curriculum curriculum;
                try {
                    curriculum = createSource(source, CurriculumFactory.class);
                } catch (Exception e) {
                    problem(source.decl(), source.decl().id() + ": cannot create the curriculum: " + e.getMessage(), "");
                    return null;
                }
                List<CurriculumPhase> phases = curriculum.phases();
                if (phases == null || phases.isEmpty()) {
                    problem(source.decl(), source.decl().id() + " has no phases", "a curriculum yields at least one phase");
                    return null;
                }
                Map<String, Object> config = new LinkedHashMap<>(stage.canonicalConfig());
                config.remove(curriculumRef.key());
                Map<String, String> common = new TreeMap<>(inputs);
                common.remove(curriculumRef.target());
                long seed = stepSeed(stage);
                String previous = inputs.get(from.target());
                for (int k = 0; k < phases.size(); k++) {
                    CurriculumPhase phase = phases.get(k);
                    Map<String, String> datasets = new TreeMap<>();
                    Map<String, Integer> sizes = new LinkedHashMap<>();
                    for (String name : phase.datasets()) {
                        String fp = source.inputs().get(name);
                        if (fp == null) {
                            problem(source.decl(), source.decl().id() + " phase " + (k + 1) + " draws from '" + name
                                    + "', which the curriculum's config does not reference", "curricula name their datasets in @Ref(DATASET) keys");
                            return null;
                        }
                        Integer size = recordCount(sources.get(fp));
                        if (size == null) {
                            return null;
                        }
                        datasets.put(name, fp);
                        sizes.put(name, size);
                    }
                    OrderManifest order;
                    try {
                        order = curriculum.order(k, Map.copyOf(sizes), Sha256.longOf(seed + "\u0000phase\u0000" + k));
                    } catch (RuntimeException e) {
                        problem(source.decl(), source.decl().id() + " phase " + (k + 1) + " (" + phase.name() + "): cannot lay out its order: "
                                + e.getMessage(), "dataset sizes: " + sizes);
                        return null;
                    }
                    if (!phase.datasets().containsAll(order.datasets())) {
                        problem(source.decl(), source.decl().id() + " phase " + (k + 1) + " orders datasets " + order.datasets()
                                + " beyond its own " + phase.datasets(), "a phase's order may only draw from the phase's datasets");
                        return null;
                    }
                    Map<String, Object> descriptor = new LinkedHashMap<>();
                    descriptor.put("epochs", order.epochs());
                    descriptor.put("examples", order.size());
                    descriptor.put(PhasePlan.ORDER_FIELD, order.hash());
                    Map<String, Object> phaseConfig = new LinkedHashMap<>(config);
                    phaseConfig.put(PhasePlan.KEY_FIELD, descriptor);
                    Map<String, String> phaseInputs = new TreeMap<>(common);
                    phaseInputs.putAll(datasets);
                    // Put last: the stage's model input is the previous phase's output from phase 2 on.
                    phaseInputs.put(from.target(), previous);
                    PhasePlan plan = new PhasePlan(curriculumRef.target(), phase, k, phases.size(), order, datasets);
                    Draft d = draft(stage, phaseInputs, family, null, stage.id() + " " + plan.label(), phaseConfig, plan);
                    if (d == null) {
                        return null;
                    }
                    previous = d.key;
                }
                return previous;
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
                    PluginCalls.run(stage, () -> stage.check(decl.config(), planInputs(decl, inputs)));
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

            /** What a stage factory may inspect at plan time: its resolved inputs. */
            private PlanInputs planInputs(ComponentDecl decl, Map<String, String> inputs) {
                return new PlanInputs() {
                    @Override
                    public ModelFactory<?> modelFamily(String name) {
                        return (ModelFactory<?>) catalog.factory(ComponentKind.MODEL, family(name).type()).orElseThrow();
                    }

                    @Override
                    public Object modelConfig(String name) {
                        return family(name).config();
                    }

                    private ComponentDecl family(String name) {
                        Draft d = inputs.containsKey(name) ? drafts.get(inputs.get(name)) : null;
                        if (d == null || d.family == null) {
                            throw new IllegalArgumentException("stage '" + decl.name() + "' references no model '" + name + "'");
                        }
                        return d.family;
                    }

                    @Override
                    public Dataset dataset(String name) throws Exception {
                        Source s = inputs.containsKey(name) ? sources.get(inputs.get(name)) : null;
                        if (s == null || s.decl().kind() != ComponentKind.DATASET) {
                            throw new IllegalArgumentException("stage '" + decl.name() + "' references no dataset '" + name + "'");
                        }
                        return createSource(s, DatasetFactory.class);
                    }

                    @Override
                    public long words(String name) throws Exception {
                        // Counted once per dataset fingerprint (a 100M-word corpus takes seconds), like record counts.
                        String fp = inputs.get(name);
                        if (fp == null || !sources.containsKey(fp)) {
                            throw new IllegalArgumentException("stage '" + decl.name() + "' references no dataset '" + name + "'");
                        }
                        return store.recordCounts().count("words-" + fp, () -> PlanInputs.super.words(name));
                    }
                };
            }

            /**
             * Runs the evaluator factory's plan-time {@link EvaluatorFactory#check} against the
             * evaluated model's family; reports what it throws at the evaluator. False on a problem.
             */
            @SuppressWarnings({"unchecked", "rawtypes"})
            private boolean checkEvaluator(ComponentDecl decl, ComponentDecl family, String target) {
                Optional<ComponentFactory<?>> f = catalog.factory(decl.kind(), decl.type());
                Optional<ComponentFactory<?>> m = family == null ? Optional.empty() : catalog.factory(ComponentKind.MODEL, family.type());
                if (f.isEmpty() || !(f.get() instanceof EvaluatorFactory ef) || m.isEmpty()) {
                    return true; // unknown types are reported when their key documents are made
                }
                try {
                    PluginCalls.run(ef, () -> ef.check(decl.config(), (ModelFactory<?>) m.get()));
                    return true;
                } catch (Exception | LinkageError e) {
                    String message = e.getMessage() == null ? e.toString() : e.getMessage();
                    problem(decl, "evaluator '" + decl.name() + "' (type " + decl.type() + ") cannot evaluate '" + target
                            + "', a model of type " + family.type() + ": " + message, "");
                    return false;
                }
            }

            /** Adds the inputs of a reward source (and of the rewards it combines) to {@code into}. */
            private void rewardInputs(Source reward, Map<String, String> into) {
                if (reward == null) {
                    return;
                }
                reward.inputs().forEach((name, key) -> {
                    into.putIfAbsent(name, key);
                    Source nested = sources.get(key);
                    if (nested != null && nested.decl().kind() == ComponentKind.REWARD) {
                        rewardInputs(nested, into);
                    }
                });
            }

            /** The number of records of a dataset source, counted once per fingerprint (cached in the store). */
            private Integer recordCount(Source dataset) {
                try {
                    long n = store.recordCounts().count(dataset.fingerprint(), () -> {
                        Dataset ds = createSource(dataset, DatasetFactory.class);
                        try (Stream<Map<String, Object>> records = ds.records()) {
                            return records.count();
                        }
                    });
                    if (n > Integer.MAX_VALUE) {
                        problem(dataset.decl(), dataset.decl().id() + " has " + n + " records, more than a curriculum can order", "");
                        return null;
                    }
                    return (int) n;
                } catch (Exception e) {
                    problem(dataset.decl(), dataset.decl().id() + ": cannot count its records for the curriculum: " + e.getMessage(), "");
                    return null;
                }
            }

            /** Instantiates a source (dataset or curriculum) at plan time, with the same seed it gets at run time. */
            @SuppressWarnings({"unchecked", "rawtypes"})
            private <T> T createSource(Source source, Class<? extends ComponentFactory> type) throws Exception {
                ComponentFactory<?> f = catalog.factory(source.decl().kind(), source.decl().type()).orElseThrow();
                long seed = seedOf(def.seed(), source.decl().kind(), source.decl().name());
                ComponentContext context = new ComponentContext() {
                    @Override public Path baseDir() { return def.baseDir(); }
                    @Override public long seed() { return seed; }
                    @Override public void log(String message) { }
                };
                if (f instanceof CurriculumFactory cf && type == CurriculumFactory.class) {
                    return (T) PluginCalls.withContextLoader(cf, () -> cf.create(source.decl().config(), context));
                }
                if (f instanceof DatasetFactory df && type == DatasetFactory.class) {
                    return (T) PluginCalls.withContextLoader(df, () -> df.create(source.decl().config(), context));
                }
                throw new IllegalStateException(source.decl().id() + " is made by " + f.getClass().getName() + ", not a " + type.getSimpleName());
            }

            /** Creates or joins the step for {@code decl} with these inputs. */
            private Draft draft(ComponentDecl decl, Map<String, String> inputs, ComponentDecl family, String evaluates, String baseName) {
                return draft(decl, inputs, family, evaluates, baseName, decl.canonicalConfig(), null);
            }

            private Draft draft(ComponentDecl decl, Map<String, String> inputs, ComponentDecl family, String evaluates, String baseName,
                                Map<String, Object> config, PhasePlan phase) {
                KeyDocument doc = document(decl, stepSeed(decl), inputs, config);
                if (doc == null) {
                    return null;
                }
                String key = doc.key();
                Draft d = drafts.get(key);
                if (d == null) {
                    List<String> deps = new ArrayList<>();
                    for (String k : new LinkedHashSet<>(inputs.values())) {
                        if (drafts.containsKey(k)) {
                            deps.add(k);
                        }
                    }
                    d = new Draft(key, decl, baseName, inputs, deps, doc, family, evaluates, phase);
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
            private long stepSeed(ComponentDecl decl) {
                boolean seeded = catalog.factory(decl.kind(), decl.type()).map(ComponentFactory::usesSeed).orElse(true);
                long base = !seeded ? def.seed() : decl.seed() != null ? decl.seed() : trial.seed(def.seed());
                return seedOf(base, decl.kind(), decl.name());
            }

            /** Marks a step and, transitively, its dependencies as needed by this trial. */
            private void markUsed(String key) {
                Draft d = drafts.get(key);
                for (String dep : d.dependsOn) {
                    markUsed(dep);
                    if (!drafts.get(dep).trials.contains(trial)) {
                        drafts.get(dep).trials.add(trial);
                    }
                }
                used.add(key);
            }

            private KeyDocument document(ComponentDecl decl, Long seed, Map<String, String> inputs, Map<String, Object> config) {
                Optional<ComponentFactory<?>> factory = catalog.factory(decl.kind(), decl.type());
                if (factory.isEmpty()) {
                    problem(decl, "no " + decl.kind().singular() + " type '" + decl.type() + "' is installed",
                            "known " + decl.kind().singular() + " types: " + catalog.types(decl.kind()));
                    return null;
                }
                PluginOrigin origin = catalog.origin(factory.get());
                Map<String, String> files;
                try {
                    files = hashFiles(factory.get(), decl);
                } catch (IOException | RuntimeException e) {
                    problem(decl, decl.id() + ": cannot read its data files: " + e.getMessage(), "");
                    return null;
                }
                // A component that reads files is keyed by their content and resolved paths, not by
                // how the paths are spelled (relative, ./, absolute).
                Map<String, Object> keyed = files.isEmpty() ? config : KeyPaths.normalise(config, def.baseDir());
                keyed = withoutNotKeyed(decl.config().getClass(), keyed);
                return new KeyDocument(decl.kind().singular(), decl.type(), factory.get().version(), origin.codeDigest(),
                        keyed, seed, inputs, files);
            }

            @SuppressWarnings({"unchecked", "rawtypes"})
            private Map<String, String> hashFiles(ComponentFactory factory, ComponentDecl decl) throws IOException {
                List<Path> paths = PluginCalls.withContextLoader(factory, () -> factory.inputFiles(decl.config(), def.baseDir()));
                Map<String, String> out = new TreeMap<>();
                Path base = def.baseDir().toAbsolutePath().normalize();
                for (Path p : paths) {
                    Path abs = base.resolve(p).normalize();
                    String label = abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : abs.toString();
                    out.put(label, store.hasher().hash(abs));
                }
                return out;
            }

            /** {@code config} without the top-level keys whose record components carry {@link org.babylab.api.config.NotKeyed}. */
            private Map<String, Object> withoutNotKeyed(Class<?> configType, Map<String, Object> config) {
                Map<String, Object> out = null;
                for (java.lang.reflect.RecordComponent c : configType.getRecordComponents() == null
                        ? new java.lang.reflect.RecordComponent[0] : configType.getRecordComponents()) {
                    if (c.isAnnotationPresent(org.babylab.api.config.NotKeyed.class)) {
                        String yaml = org.babylab.runtime.internal.dsl.ConfigMapper.yamlKey(c);
                        if (config.containsKey(yaml)) {
                            out = out == null ? new LinkedHashMap<>(config) : out;
                            out.remove(yaml);
                        }
                    }
                }
                return out == null ? config : out;
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
