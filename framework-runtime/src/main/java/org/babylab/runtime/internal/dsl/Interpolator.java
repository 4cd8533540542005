package org.babylab.runtime.internal.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.babylab.runtime.SourceLocation;

/**
 * Expands {@code ${...}} in scalars: {@code ${name}} from {@code vars:} (which may use other vars;
 * a cycle is an error), {@code ${env.NAME}} from the environment (typed like a plain YAML scalar,
 * so {@code 4} is a number), {@code ${sweep.axis}} with the current trial's value and
 * {@code ${experiment.dir}}, the top-level file's directory. A scalar that is exactly one
 * {@code ${x}} becomes x's value with its type (number, list, mapping); inside longer text the
 * value's text is substituted. <code>$${</code> writes a literal <code>${</code>.
 *
 * <p>Expansion is bounded like YAML aliases are: one scalar may expand to at most
 * {@link #MAX_SCALAR_CHARS} characters and all expansions of one experiment to at most
 * {@link #MAX_TOTAL_CHARS}, so doubling variables ({@code e0: "${e1}${e1}"}, ...) end in a located
 * error, not an OutOfMemoryError. A var that failed once fails fast afterwards.
 *
 * <p>One instance serves one trial (var values may depend on sweep values); resolved vars are
 * memoised within it. Not thread-safe.
 */
final class Interpolator {
    static final String ENV_PREFIX = "env.";
    static final String SWEEP_PREFIX = "sweep.";
    static final String EXPERIMENT_DIR = "experiment.dir";
    /** The longest text one interpolated scalar may become. */
    static final int MAX_SCALAR_CHARS = 1 << 20;
    /** The most text all interpolation of one experiment may produce. */
    static final long MAX_TOTAL_CHARS = 64L << 20;

    private static final java.util.regex.Pattern REF = java.util.regex.Pattern.compile("(?<!\\$)\\$\\{([^}]*)}");

    private final YamlMap vars;
    private final Map<String, String> env;
    private final String experimentDir;
    private final Map<String, YamlNode> sweep;
    private final List<String> sweepAxes;
    private final Set<String> usedAxes;
    private final Problems problems;
    private final Map<String, YamlNode> resolvedVars = new HashMap<>();
    private final List<String> resolving = new ArrayList<>();
    private final Set<String> failedVars = new java.util.HashSet<>();
    /** Characters produced so far, shared by every trial's interpolator: [0] produced, [1] 1 once reported. */
    private final long[] produced;

    /**
     * @param vars the {@code vars:} mapping, possibly empty
     * @param sweep the sweep values of this trial, or null where sweep variables are not available
     *     (top-level settings, vars used outside components, the sweep's own values)
     * @param sweepAxes every axis name, for suggestions
     * @param usedAxes receives the axes this interpolator substituted, shared across trials
     */
    Interpolator(
            YamlMap vars,
            Map<String, String> env,
            String experimentDir,
            Map<String, YamlNode> sweep,
            List<String> sweepAxes,
            Set<String> usedAxes,
            Problems problems) {
        this(vars, env, experimentDir, sweep, sweepAxes, usedAxes, problems, new long[2]);
    }

    private Interpolator(
            YamlMap vars,
            Map<String, String> env,
            String experimentDir,
            Map<String, YamlNode> sweep,
            List<String> sweepAxes,
            Set<String> usedAxes,
            Problems problems,
            long[] produced) {
        this.produced = produced;
        this.vars = vars;
        this.env = env;
        this.experimentDir = experimentDir;
        this.sweep = sweep;
        this.sweepAxes = List.copyOf(sweepAxes);
        this.usedAxes = usedAxes;
        this.problems = problems;
    }

    /** An interpolator for one trial with the given sweep values. */
    Interpolator forTrial(Map<String, YamlNode> sweepValues) {
        return new Interpolator(vars, env, experimentDir, sweepValues, sweepAxes, usedAxes, problems, produced);
    }

    /**
     * Reports every cycle among {@code vars:}, used or not (docs/dsl.md: a cycle is an error). Each
     * cycle is reported once, at its alphabetically first variable, in the same words as a cycle
     * found while resolving.
     */
    void checkVarCycles() {
        Map<String, Set<String>> uses = new LinkedHashMap<>();
        vars.entries().forEach((name, e) -> {
            Set<String> refs = new TreeSet<>();
            collectRefs(e.value(), refs);
            refs.retainAll(vars.entries().keySet());
            uses.put(name, refs);
        });
        Set<String> done = new java.util.HashSet<>();
        for (String start : uses.keySet()) {
            findCycles(start, uses, new ArrayList<>(), done);
        }
    }

    private void findCycles(String name, Map<String, Set<String>> uses, List<String> path, Set<String> done) {
        if (path.contains(name)) {
            reportCycle(new ArrayList<>(path.subList(path.indexOf(name), path.size())));
            return;
        }
        if (done.contains(name)) {
            return;
        }
        path.add(name);
        for (String next : uses.getOrDefault(name, Set.of())) {
            findCycles(next, uses, path, done);
        }
        path.remove(path.size() - 1);
        done.add(name);
    }

    /** Reports the cycle {@code members[0] -> ... -> members[0]}, rotated to start at its first name alphabetically. */
    private void reportCycle(List<String> members) {
        String first = members.stream().min(String::compareTo).orElseThrow();
        java.util.Collections.rotate(members, -members.indexOf(first));
        members.add(first);
        failedVars.addAll(members);
        problems.error(
                vars.entry(first).value().location(),
                "variable cycle: " + String.join(" -> ", members),
                "a variable must not use itself, directly or through other variables");
    }

    private static void collectRefs(YamlNode node, Set<String> out) {
        if (node instanceof YamlScalar s && s.isString()) {
            java.util.regex.Matcher m = REF.matcher((String) s.value());
            while (m.find()) {
                out.add(m.group(1).trim());
            }
        } else if (node instanceof YamlSeq seq) {
            seq.items().forEach(i -> collectRefs(i, out));
        } else if (node instanceof YamlMap map) {
            map.entries().values().forEach(e -> collectRefs(e.value(), out));
        }
    }

    /** {@code node} with every {@code ${...}} expanded; an unresolvable reference becomes null after an error. */
    YamlNode resolve(YamlNode node) {
        if (node instanceof YamlScalar s) {
            return s.isString() ? scalar(s) : s;
        }
        if (node instanceof YamlSeq seq) {
            List<YamlNode> items = new ArrayList<>(seq.items().size());
            seq.items().forEach(i -> items.add(resolve(i)));
            return new YamlSeq(items, seq.location());
        }
        YamlMap map = (YamlMap) node;
        Map<String, YamlMap.Entry> out = new LinkedHashMap<>();
        map.entries().forEach((k, e) -> out.put(k, new YamlMap.Entry(k, e.keyLocation(), resolve(e.value()))));
        return new YamlMap(out, map.location());
    }

    /** A piece of a scalar: literal text, or a {@code ${ref}}. */
    private record Part(String text, boolean isRef) {}

    private YamlNode scalar(YamlScalar s) {
        String text = (String) s.value();
        if (!text.contains("${")) {
            return s;
        }
        List<Part> parts = parse(text, s.location());
        if (parts == null) {
            return YamlScalar.ofNull(s.location());
        }
        if (parts.size() == 1 && parts.get(0).isRef()) {
            YamlNode value = lookup(parts.get(0).text(), s.location());
            return value == null ? YamlScalar.ofNull(s.location()) : value.at(s.location());
        }
        StringBuilder sb = new StringBuilder();
        for (Part part : parts) {
            if (!part.isRef()) {
                sb.append(part.text());
                continue;
            }
            YamlNode value = lookup(part.text(), s.location());
            if (value == null) {
                return YamlScalar.ofNull(s.location());
            }
            if (!(value instanceof YamlScalar v)) {
                problems.error(
                        s.location(),
                        "'${" + part.text() + "}' is " + value.describe() + " and cannot be embedded in the text '"
                                + text + "'",
                        "use it as the whole value ('key: ${" + part.text() + "}') to keep it " + value.describe());
                return YamlScalar.ofNull(s.location());
            }
            sb.append(v.value() == null ? "" : v.value() instanceof String str ? str : v.text());
            if (sb.length() > MAX_SCALAR_CHARS) {
                problems.error(
                        s.location(),
                        "'" + abbreviate(text) + "' expands to more than " + MAX_SCALAR_CHARS + " characters",
                        "variables that repeat other variables grow exponentially; interpolation is limited like YAML aliases");
                return YamlScalar.ofNull(s.location());
            }
        }
        produced[0] += sb.length();
        if (produced[0] > MAX_TOTAL_CHARS) {
            if (produced[1] == 0) {
                produced[1] = 1;
                problems.error(
                        s.location(),
                        "interpolation produces more than " + MAX_TOTAL_CHARS + " characters in all",
                        "variables that repeat other variables grow exponentially; interpolation is limited like YAML aliases");
            }
            return YamlScalar.ofNull(s.location());
        }
        return YamlScalar.ofString(sb.toString(), s.location());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private List<Part> parse(String text, SourceLocation at) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    problems.error(
                            at,
                            "unterminated '${' in '" + text + "'",
                            "close it with '}', or write '$${' for a literal '${'");
                    return null;
                }
                if (literal.length() > 0) {
                    parts.add(new Part(literal.toString(), false));
                    literal.setLength(0);
                }
                parts.add(new Part(text.substring(i + 2, end).trim(), true));
                i = end + 1;
            } else {
                literal.append(text.charAt(i++));
            }
        }
        if (literal.length() > 0) {
            parts.add(new Part(literal.toString(), false));
        }
        return parts;
    }

    /** The value of one reference, or null after reporting why there is none. */
    private YamlNode lookup(String ref, SourceLocation at) {
        if (ref.startsWith(ENV_PREFIX)) {
            String name = ref.substring(ENV_PREFIX.length());
            String value = env.get(name);
            if (value == null) {
                problems.error(
                        at,
                        "environment variable '" + name + "' (from '${" + ref + "}') is not set",
                        "set it before running, or define a value under vars: and use ${name}");
                return null;
            }
            return YamlReader.plainScalar(value, at);
        }
        if (ref.equals(EXPERIMENT_DIR)) {
            return YamlScalar.ofString(experimentDir, at);
        }
        if (ref.startsWith(SWEEP_PREFIX)) {
            return sweepValue(ref.substring(SWEEP_PREFIX.length()), at);
        }
        if (vars.entry(ref) != null) {
            return variable(ref, at);
        }
        Set<String> known = new TreeSet<>(vars.entries().keySet());
        List<String> all = new ArrayList<>(known);
        sweepAxes.forEach(a -> all.add(SWEEP_PREFIX + a));
        all.add(EXPERIMENT_DIR);
        problems.error(
                at,
                "unknown variable '" + ref + "' in '${" + ref + "}'",
                Suggestions.hint(ref, all, "known variables") + " (and env.NAME for environment variables)");
        return null;
    }

    private YamlNode sweepValue(String axis, SourceLocation at) {
        if (!sweepAxes.contains(axis)) {
            problems.error(
                    at,
                    "unknown sweep axis '" + axis + "' in '${sweep." + axis + "}'",
                    Suggestions.hint(axis, sweepAxes, "sweep axes"));
            return null;
        }
        usedAxes.add(axis);
        if (sweep == null) {
            problems.error(
                    at,
                    "'${sweep." + axis + "}' is used outside the components",
                    axis.equals(org.babylab.runtime.internal.model.Trial.SEED_AXIS)
                            ? "a sweep axis named 'seed' sets each trial's seed by itself: keep 'sweep: {seed: [...]}' and write a plain"
                                    + " integer (or nothing) at the top-level seed:"
                            : "sweep values differ per trial, so they can be used in datasets, tokenizers, models, curricula, chat_templates,"
                                    + " stages and evaluate:, and in vars used there");
            return null;
        }
        return sweep.get(axis);
    }

    private YamlNode variable(String name, SourceLocation at) {
        YamlNode done = resolvedVars.get(name);
        if (done != null) {
            return done;
        }
        if (failedVars.contains(name)) {
            return null; // its error is reported already
        }
        if (resolving.contains(name)) {
            reportCycle(new ArrayList<>(resolving.subList(resolving.indexOf(name), resolving.size())));
            return null;
        }
        resolving.add(name);
        int errorsBefore = problems.errorCount();
        YamlNode value = resolve(vars.entry(name).value());
        resolving.remove(resolving.size() - 1);
        if (problems.errorCount() > errorsBefore) {
            failedVars.add(name);
            return null;
        }
        resolvedVars.put(name, value);
        return value;
    }
}
