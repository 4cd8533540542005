package org.babylab.runtime.internal.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.SourceLocation;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.model.Trial;

/**
 * Reads an experiment YAML file into a checked {@link ExperimentDefinition}: includes merged,
 * command-line overrides applied, {@code ${...}} expanded, the sweep expanded into trials, every
 * component bound to its factory's config record, and references checked.
 *
 * <p>All problems are collected before failing: {@link #load} throws one
 * {@link ExperimentException} carrying every error found (each with file:line:column and a hint),
 * and returns warnings in {@link ExperimentDefinition#problems()}.
 *
 * <p>Thread-safe: each {@link #load} call works on its own state.
 */
public final class ExperimentLoader {
    static final String EXPERIMENT = "experiment";
    static final String SEED = "seed";
    static final String VARS = "vars";
    static final String STORE = "store";
    static final String DEVICES = "devices";
    static final String EVALUATE = "evaluate";
    static final String SWEEP = "sweep";
    static final String REPORT = "report";
    static final String ON = "on";
    static final String WITH = "with";

    /** Every top-level key, in the order the documentation lists them. */
    public static final List<String> TOP_LEVEL_KEYS = List.of(
            EXPERIMENT,
            SEED,
            IncludeResolver.INCLUDE,
            VARS,
            STORE,
            DEVICES,
            "datasets",
            "tokenizers",
            "models",
            "curricula",
            "chat_templates",
            "rewards",
            "stages",
            EVALUATE,
            SWEEP,
            REPORT,
            "cluster"); // read by the Slurm runner (internal.slurm.ClusterSettingsReader), not here
    /** The kinds declared in their own top-level section; evaluators live under {@code evaluate.with}. */
    static final List<ComponentKind> SECTION_KINDS = List.of(
            ComponentKind.DATASET,
            ComponentKind.TOKENIZER,
            ComponentKind.MODEL,
            ComponentKind.CURRICULUM,
            ComponentKind.CHAT_TEMPLATE,
            ComponentKind.REWARD,
            ComponentKind.STAGE);

    static final Pattern EXPERIMENT_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
    /** Well under the 255-byte file-name limit of common file systems. */
    static final int MAX_EXPERIMENT_NAME = 100;

    static final Pattern COMPONENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final ComponentCatalog catalog;
    private final Map<String, String> environment;

    /** A loader that resolves types through {@code catalog} and {@code ${env.X}} from the process environment. */
    public ExperimentLoader(ComponentCatalog catalog) {
        this(catalog, System.getenv());
    }

    /**
     * A loader with an explicit environment for {@code ${env.X}}, for tests and embedders that
     * must not depend on the process environment.
     */
    public ExperimentLoader(ComponentCatalog catalog, Map<String, String> environment) {
        if (catalog == null || environment == null) {
            throw new IllegalArgumentException("catalog and environment are required");
        }
        this.catalog = catalog;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Loads and checks {@code file}.
     *
     * @param file the experiment's top-level YAML file; locations name it as given
     * @param overrides {@code key.path=value} strings applied after includes, before interpolation
     * @throws ExperimentException carrying every problem when there is at least one error
     */
    public ExperimentDefinition load(Path file, List<String> overrides) {
        return new Load(file, overrides).run();
    }

    /** The state of one load. */
    private final class Load {
        private final Path file;
        private final List<String> overrides;
        private final Path baseDir;
        private final Problems problems = new Problems();
        private final ComponentBinder binder = new ComponentBinder(catalog, problems);

        Load(Path file, List<String> overrides) {
            this.file = file;
            this.overrides = overrides == null ? List.of() : overrides;
            this.baseDir = file.toAbsolutePath().normalize().getParent();
        }

        ExperimentDefinition run() {
            YamlReader reader = new YamlReader(problems);
            YamlMap root = new IncludeResolver(reader, problems).read(file);
            if (root == null) {
                throw new ExperimentException(problems.all()); // why is already among the problems
            }
            root = new Overrides(reader, problems).apply(root, overrides);
            checkTopLevelKeys(root);

            YamlMap vars = mapping(root, VARS);
            Set<String> usedAxes = new LinkedHashSet<>();
            Interpolator top = new Interpolator(
                    vars,
                    environment,
                    baseDir.toString(),
                    null,
                    declaredAxes(root.get(SWEEP).orElse(null)),
                    usedAxes,
                    problems);
            top.checkVarCycles();

            String name = experimentName(root, top);
            long seed = seed(root, top);
            Path storeDir = storeDir(root, top);
            DeviceSpec devices =
                    DeviceSpecs.read(root.get(DEVICES).map(top::resolve).orElse(null), problems);
            SweepPoints sweep = SweepPoints.of(root.get(SWEEP).map(top::resolve).orElse(null), problems);
            checkSeedAxis(sweep);

            Map<ComponentKind, List<YamlMap.Entry>> sections = sections(root);
            YamlMap evaluate = evaluateSection(root);
            sections.put(ComponentKind.EVALUATOR, named(mapping(evaluate, WITH), ComponentKind.EVALUATOR));
            Map<String, Object> report = report(
                    root,
                    top,
                    sections.get(ComponentKind.EVALUATOR).stream()
                            .map(YamlMap.Entry::key)
                            .toList(),
                    declaredAxes(root.get(SWEEP).orElse(null)));
            Map<ComponentKind, List<String>> declared = new EnumMap<>(ComponentKind.class);
            sections.forEach((kind, entries) ->
                    declared.put(kind, entries.stream().map(YamlMap.Entry::key).toList()));
            checkModelStageNames(sections);

            List<Trial> trials = new ArrayList<>();
            Set<String> unusedEverywhere = null;
            Map<String, SourceLocation> componentLocations = new LinkedHashMap<>();
            for (Map<String, YamlNode> point : sweep.points()) {
                Interpolator interpolator = top.forTrial(point);
                List<ComponentDecl> components = new ArrayList<>();
                for (ComponentKind kind : ComponentKind.values()) {
                    for (YamlMap.Entry entry : sections.getOrDefault(kind, List.of())) {
                        ComponentDecl decl = bind(kind, entry, interpolator);
                        if (decl != null) {
                            components.add(decl);
                        }
                    }
                }
                List<YamlScalar> evaluateOn = evaluateOn(evaluate, interpolator);
                ReferenceChecker references = new ReferenceChecker(components, declared, problems);
                references.check();
                references.checkEvaluated(evaluateOn);
                List<String> onNames =
                        evaluateOn.stream().map(s -> (String) s.value()).toList();
                if (!onNames.isEmpty()) {
                    Set<String> unused = references.unused(onNames);
                    if (unusedEverywhere == null) {
                        unusedEverywhere = unused;
                    } else {
                        unusedEverywhere.retainAll(unused);
                    }
                    componentLocations.putAll(references.locations());
                }
                Map<String, Object> sweepValues = new LinkedHashMap<>();
                point.forEach((axis, value) -> sweepValues.put(axis, value.toPlain()));
                Map<String, SourceLocation> onLocations = new LinkedHashMap<>();
                evaluateOn.forEach(n -> onLocations.putIfAbsent((String) n.value(), n.location()));
                trials.add(new Trial(sweepValues, components, onNames, onLocations));
            }
            warnUnused(sweep, usedAxes, unusedEverywhere, componentLocations);
            problems.throwIfErrors();
            return new ExperimentDefinition(
                    name, seed, file, baseDir, trials, storeDir, devices, report, problems.warnings());
        }

        private void checkTopLevelKeys(YamlMap root) {
            for (YamlMap.Entry e : root.entries().values()) {
                if (e.key().equals(IncludeResolver.INCLUDE)) {
                    // Includes were merged before overrides apply, so only an override can have put it here.
                    problems.error(
                            e.keyLocation(),
                            "include: cannot be set by an override",
                            "add the include to the experiment file");
                } else if (!TOP_LEVEL_KEYS.contains(e.key())) {
                    problems.error(
                            e.keyLocation(),
                            "unknown top-level key '" + e.key() + "'",
                            Suggestions.hint(e.key(), TOP_LEVEL_KEYS, "valid keys"));
                }
            }
        }

        /** The mapping under {@code key}, empty when absent or null; an error when it is something else. */
        private YamlMap mapping(YamlMap parent, String key) {
            YamlNode node = parent.get(key).orElse(null);
            if (node == null || node instanceof YamlScalar s && s.value() == null) {
                return YamlMap.empty(
                        parent.entry(key) == null
                                ? parent.location()
                                : parent.entry(key).keyLocation());
            }
            if (node instanceof YamlMap m) {
                return m;
            }
            problems.error(node.location(), "'" + key + "' must be a mapping, not " + node.describe(), "");
            return YamlMap.empty(node.location());
        }

        private List<String> declaredAxes(YamlNode sweep) {
            List<String> axes = new ArrayList<>();
            if (sweep instanceof YamlMap m) {
                m.entries().forEach((k, e) -> {
                    if (k.equals(SweepPoints.ZIP) && e.value() instanceof YamlMap zip) {
                        axes.addAll(zip.entries().keySet());
                    } else if (!k.equals(SweepPoints.ZIP)) {
                        axes.add(k);
                    }
                });
            }
            return axes;
        }

        private String experimentName(YamlMap root, Interpolator top) {
            YamlMap.Entry entry = root.entry(EXPERIMENT);
            if (entry == null) {
                problems.error(
                        root.location(),
                        "missing required key 'experiment'",
                        "add 'experiment: <name>' (lower-case letters, digits, '_', '.', '-')");
                return "unnamed";
            }
            YamlNode v = top.resolve(entry.value());
            if (v instanceof YamlScalar s
                    && s.isString()
                    && EXPERIMENT_NAME.matcher((String) s.value()).matches()) {
                String name = (String) s.value();
                if (name.length() > MAX_EXPERIMENT_NAME) {
                    // It names a results directory: longer names fail only when the results are written.
                    problems.error(
                            v.location(),
                            "experiment name is " + name.length() + " characters long; at most " + MAX_EXPERIMENT_NAME
                                    + " are allowed",
                            "it names the results directory; shorten it");
                    return "unnamed";
                }
                return name;
            }
            problems.error(
                    v.location(),
                    "experiment name must match " + EXPERIMENT_NAME.pattern() + ", got " + v.describe(),
                    "use lower-case letters, digits, '_', '.' and '-', starting with a letter or digit, e.g. 'quickstart'");
            return "unnamed";
        }

        private long seed(YamlMap root, Interpolator top) {
            YamlNode v = root.get(SEED).map(top::resolve).orElse(null);
            if (v == null || v instanceof YamlScalar s0 && s0.value() == null) {
                return 0;
            }
            if (v instanceof YamlScalar s && s.value() instanceof Long l) {
                return l;
            }
            problems.error(
                    v.location(), "seed must be an integer that fits in 64 bits, got " + v.describe(), "e.g. seed: 42");
            return 0;
        }

        private Path storeDir(YamlMap root, Interpolator top) {
            YamlNode v = root.get(STORE).map(top::resolve).orElse(null);
            if (v == null || v instanceof YamlScalar s0 && s0.value() == null) {
                return null;
            }
            if (v instanceof YamlScalar s && s.isString() && !((String) s.value()).isBlank()) {
                return baseDir.resolve((String) s.value()).normalize();
            }
            problems.error(
                    v.location(), "store must be a directory path, got " + v.describe(), "e.g. store: .babylab/store");
            return null;
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> report(YamlMap root, Interpolator top, List<String> evaluators, List<String> axes) {
            YamlNode v = root.get(REPORT).orElse(null);
            if (v == null || v instanceof YamlScalar s && s.value() == null) {
                return Map.of();
            }
            if (!(v instanceof YamlMap)) {
                problems.error(v.location(), "report must be a mapping, not " + v.describe(), "");
                return Map.of();
            }
            return ReportSection.read((YamlMap) top.resolve(v), evaluators, axes, problems);
        }

        /** The component declarations per section kind, with invalid names reported and dropped. */
        private Map<ComponentKind, List<YamlMap.Entry>> sections(YamlMap root) {
            Map<ComponentKind, List<YamlMap.Entry>> out = new EnumMap<>(ComponentKind.class);
            for (ComponentKind kind : SECTION_KINDS) {
                out.put(kind, named(mapping(root, kind.section()), kind));
            }
            return out;
        }

        private List<YamlMap.Entry> named(YamlMap section, ComponentKind kind) {
            List<YamlMap.Entry> entries = new ArrayList<>();
            for (YamlMap.Entry e : section.entries().values()) {
                if (COMPONENT_NAME.matcher(e.key()).matches()) {
                    entries.add(e);
                } else {
                    problems.error(
                            e.keyLocation(),
                            kind.singular() + " name '" + e.key() + "' is not valid",
                            "names are letters, digits, '_', '.' and '-', starting with a letter or digit");
                }
            }
            return entries;
        }

        private YamlMap evaluateSection(YamlMap root) {
            YamlMap evaluate = mapping(root, EVALUATE);
            List<String> keys = List.of(ON, WITH);
            for (YamlMap.Entry e : evaluate.entries().values()) {
                if (!keys.contains(e.key())) {
                    problems.error(
                            e.keyLocation(),
                            "unknown key '" + e.key() + "' in evaluate",
                            Suggestions.hint(e.key(), keys, "valid keys"));
                }
            }
            boolean hasOn = evaluate.entry(ON) != null;
            boolean hasWith = evaluate.entry(WITH) != null;
            if (hasOn != hasWith) {
                problems.error(
                        evaluate.location(),
                        "evaluate: needs both 'on' (the models or stages to evaluate) and 'with' (the evaluators)",
                        "e.g. evaluate: {on: [ngram3], with: {blimp: {type: minimal-pairs, path: data/blimp}}}");
            }
            return evaluate;
        }

        private void checkModelStageNames(Map<ComponentKind, List<YamlMap.Entry>> sections) {
            List<String> models = sections.get(ComponentKind.MODEL).stream()
                    .map(YamlMap.Entry::key)
                    .toList();
            for (YamlMap.Entry stage : sections.get(ComponentKind.STAGE)) {
                if (models.contains(stage.key())) {
                    problems.error(
                            stage.keyLocation(),
                            "stage '" + stage.key() + "' has the name of a model",
                            "model references accept stages too, so models and stages need distinct names");
                }
            }
        }

        /** Interpolates one declaration for the trial and binds it; null after reporting problems. */
        private ComponentDecl bind(ComponentKind kind, YamlMap.Entry entry, Interpolator interpolator) {
            int errors = problems.errorCount();
            YamlNode resolved = interpolator.resolve(entry.value());
            if (problems.errorCount() > errors) {
                return null; // the interpolation error explains it; binding nulls would only add noise
            }
            return binder.bind(kind, new YamlMap.Entry(entry.key(), entry.keyLocation(), resolved));
        }

        private List<YamlScalar> evaluateOn(YamlMap evaluate, Interpolator interpolator) {
            YamlNode on = evaluate.get(ON).map(interpolator::resolve).orElse(null);
            if (on == null || on instanceof YamlScalar s0 && s0.value() == null) {
                return List.of();
            }
            List<YamlNode> items = on instanceof YamlSeq seq ? seq.items() : List.of(on);
            List<YamlScalar> names = new ArrayList<>();
            for (YamlNode item : items) {
                if (item instanceof YamlScalar s && s.isString()) {
                    names.add(s);
                } else {
                    problems.error(
                            item.location(),
                            "evaluate.on expects names of models or stages, got " + item.describe(),
                            "e.g. on: [ngram3, pretrain]");
                }
            }
            return names;
        }

        /**
         * A {@code seed} axis sets each trial's seed (docs/dsl.md, "Seeds"), so its values must be
         * integers like the top-level {@code seed:}.
         */
        private void checkSeedAxis(SweepPoints sweep) {
            if (!sweep.axes().contains(Trial.SEED_AXIS)) {
                return;
            }
            Set<SourceLocation> reported = new java.util.HashSet<>();
            for (Map<String, YamlNode> point : sweep.points()) {
                YamlNode v = point.get(Trial.SEED_AXIS);
                if (v != null
                        && !(v instanceof YamlScalar s && s.value() instanceof Long)
                        && reported.add(v.location())) {
                    problems.error(
                            v.location(),
                            "sweep axis 'seed' sets each trial's seed, so its values must be integers that fit in 64 bits, got "
                                    + v.describe(),
                            "e.g. sweep: {seed: [1, 2, 3]}; name the axis differently to sweep something else");
                }
            }
        }

        private void warnUnused(
                SweepPoints sweep, Set<String> usedAxes, Set<String> unused, Map<String, SourceLocation> locations) {
            for (String axis : sweep.axes()) {
                // The seed axis is used without ${sweep.seed}: it sets every seeded component's seed.
                if (!usedAxes.contains(axis) && !axis.equals(Trial.SEED_AXIS)) {
                    problems.warning(
                            sweep.axisLocations().get(axis),
                            "sweep axis '" + axis + "' is never used as ${sweep." + axis
                                    + "}, so trials differing only in it compute the same thing",
                            "use ${sweep." + axis + "} in a component, or remove the axis");
                }
            }
            // With errors, components that failed to bind make others look unused: that would be noise.
            if (unused != null && !problems.hasErrors()) {
                for (String id : unused) {
                    problems.warning(
                            locations.get(id),
                            id + " is declared but nothing evaluated depends on it",
                            "add it to evaluate.on, refer to it from a component that is evaluated, or remove it");
                }
            }
        }
    }
}
