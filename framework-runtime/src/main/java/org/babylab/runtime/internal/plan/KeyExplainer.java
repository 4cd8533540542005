package org.babylab.runtime.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.Json;
import org.babylab.runtime.internal.store.KeyDocument;
import org.babylab.runtime.internal.store.RunRecord;
import org.babylab.runtime.internal.store.Store;

/**
 * Answers "why will this step run (again)?" by diffing key documents: the step's current one against
 * the newest stored entry of the same step in the same experiment and trial ({@link PastRuns}),
 * naming each changed config field, version, code digest, data file, seed, and, recursively, why a
 * changed input's own key changed. Only real changes are printed: a key absent on one side and null
 * on the other is no change. Thread-safe (reads the store only).
 */
public final class KeyExplainer {
    private static final int MAX_DEPTH = 6;
    private final Store store;

    public KeyExplainer(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Explains the step of {@code plan} named {@code selector} (exact name, name without the sweep
     * label, or a unique key prefix).
     *
     * @throws IllegalArgumentException when no step or several steps match, listing the candidates
     */
    public String explain(Plan plan, String selector) {
        PlannedStep step = find(plan, selector);
        String head = step.name() + " (" + step.shortKey() + ")";
        if (store.isComplete(step.key())) {
            Optional<EntryMetadata> meta = store.metadata(step.key());
            return head + " is cached"
                    + meta.map(m -> ": computed " + m.finishedAt() + " in "
                                    + PlanPrinter.formatDuration(java.time.Duration.ofMillis(m.durationMillis())))
                            .orElse("")
                    + "; it will be reused.\n";
        }
        String experiment = plan.definition().name();
        Optional<RunRecord> previous = PastRuns.latest(store, experiment, step, step.key());
        if (previous.isEmpty()) {
            boolean elsewhere = PastRuns.anyElsewhere(store, step.name(), step.key())
                    || PastRuns.anyElsewhere(store, step.baseName(), step.key());
            return head + " will run: never run in experiment '" + experiment + "'"
                    + (step.trials().isEmpty() ? "" : " for trial " + step.trials())
                    + (elsewhere
                            ? " (another experiment or trial sharing the store has a step of this name; "
                                    + "compare with 'babylab explain FILE --keys A B')"
                            : "")
                    + ".\n";
        }
        RunRecord old = previous.get();
        Optional<KeyDocument> oldDoc = storedDocument(old.key());
        if (oldDoc.isEmpty()) {
            return head + " will run: it was last stored as " + old.key().substring(0, 12)
                    + " but that key's document is no longer in the store, so the change cannot be named.\n";
        }
        List<String> lines = new ArrayList<>();
        diff(
                oldDoc.get(),
                step.keyDocument(),
                this::storedDocument,
                plan::document,
                k -> plan.describe(k).orElse(k.substring(0, 12)),
                "  ",
                0,
                lines);
        StringBuilder sb = new StringBuilder(head)
                .append(" will run: its key changed since ")
                .append(old.name().equals(step.name()) ? "it" : old.name())
                .append(" was stored as ")
                .append(old.key(), 0, 12)
                .append(" (")
                .append(old.recordedAt())
                .append("):\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /** Which parts of the documents of two stored keys (or unique prefixes) differ. */
    public String compare(String keyA, String keyB) {
        String a = resolveStored(keyA);
        String b = resolveStored(keyB);
        KeyDocument da = storedDocument(a).orElseThrow();
        KeyDocument db = storedDocument(b).orElseThrow();
        List<String> lines = new ArrayList<>();
        diff(da, db, this::storedDocument, this::storedDocument, k -> k.substring(0, 12), "  ", 0, lines);
        if (lines.isEmpty()) {
            return a.substring(0, 12) + " and " + b.substring(0, 12) + " have identical key documents.\n";
        }
        StringBuilder sb = new StringBuilder(a.substring(0, 12) + " → " + b.substring(0, 12) + " differ in:\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /**
     * The step of {@code plan} named {@code selector}: its exact name, its name without the sweep
     * label when that is unique, or a unique key prefix (4 hex digits or more).
     *
     * @throws IllegalArgumentException when no step or several steps match, listing the candidates
     */
    public static PlannedStep find(Plan plan, String selector) {
        Optional<PlannedStep> exact = plan.stepNamed(selector);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<PlannedStep> byBase =
                plan.steps().stream().filter(s -> s.baseName().equals(selector)).toList();
        if (byBase.size() == 1) {
            return byBase.get(0);
        }
        List<PlannedStep> byKey = selector.length() >= 4
                ? plan.steps().stream()
                        .filter(s -> s.key().startsWith(selector.toLowerCase()))
                        .toList()
                : List.of();
        if (byKey.size() == 1) {
            return byKey.get(0);
        }
        List<PlannedStep> candidates = !byBase.isEmpty() ? byBase : byKey;
        if (!candidates.isEmpty()) {
            throw new IllegalArgumentException("'" + selector + "' matches several steps: "
                    + candidates.stream()
                            .map(s -> s.name() + " (" + s.shortKey() + ")")
                            .toList());
        }
        throw new IllegalArgumentException("no step is called '" + selector + "' and no key starts with it; steps: "
                + plan.steps().stream().map(PlannedStep::name).toList());
    }

    private Optional<KeyDocument> storedDocument(String key) {
        Optional<KeyDocument> d = store.index().document(key);
        if (d.isPresent()) {
            return d;
        }
        try {
            return store.metadata(key).map(EntryMetadata::keyDocument);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String resolveStored(String prefix) {
        String p = prefix.toLowerCase();
        List<String> keys = store.index().keysStartingWith(p);
        if (keys.size() == 1) {
            return keys.get(0);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no stored key starts with '" + prefix + "'");
        }
        throw new IllegalArgumentException("'" + prefix + "' is ambiguous; it starts " + keys.size() + " stored keys: "
                + keys.stream().map(k -> k.substring(0, 12)).toList());
    }

    /** Appends one line per difference between {@code a} (before) and {@code b} (after). */
    private static void diff(
            KeyDocument a,
            KeyDocument b,
            Function<String, Optional<KeyDocument>> before,
            Function<String, Optional<KeyDocument>> after,
            Function<String, String> nameOf,
            String indent,
            int depth,
            List<String> out) {
        change(out, indent, "kind", a.kind(), b.kind(), "");
        change(out, indent, "type", a.type(), b.type(), "");
        change(out, indent, "version", a.version(), b.version(), " (the factory's version() was bumped)");
        if (!a.codeDigest().equals(b.codeDigest())) {
            out.add(indent + "code digest: " + shortHash(a.codeDigest()) + " → " + shortHash(b.codeDigest())
                    + " (the plugin's code changed)");
        }
        change(
                out,
                indent,
                "seed",
                a.seed(),
                b.seed(),
                " (the experiment's seed, the component's own seed or the trial's swept seed changed)");
        Map<String, Object> fa = flatten(a.config());
        Map<String, Object> fb = flatten(b.config());
        String order = PhasePlan.KEY_FIELD + "." + PhasePlan.ORDER_FIELD;
        if (fa.containsKey(order) && fb.containsKey(order) && !Objects.equals(fa.get(order), fb.get(order))) {
            out.add(indent
                    + "order manifest changed: the phase sees other examples or the same in another order (sha256 "
                    + shortHash(String.valueOf(fa.get(order))) + " → " + shortHash(String.valueOf(fb.get(order)))
                    + "; a dataset's size, the curriculum's schedule or the seed changed)");
        }
        int linesBefore = out.size();
        for (String path : new TreeSet<>(union(fa.keySet(), fb.keySet()))) {
            if (path.equals(order) && fa.containsKey(order) && fb.containsKey(order)) {
                continue;
            }
            // Absent and null mean the same (a config key added with no value): not a change.
            String va = fa.get(path) != null ? Json.canonical(fa.get(path)) : "(absent)";
            String vb = fb.get(path) != null ? Json.canonical(fb.get(path)) : "(absent)";
            if (!va.equals(vb)) {
                out.add(indent + "config " + path + ": " + va + " → " + vb);
            }
        }
        String dependence = Planner.KEPT_FIELD + ".depends_on_length";
        if (fb.get(dependence) != null && out.size() > linesBefore) {
            // A kept checkpoint whose key covers the run's length: say why a longer run could not reuse it.
            out.add(indent + "(this kept checkpoint's key covers the run's length: " + fb.get(dependence) + ")");
        }
        for (String file : new TreeSet<>(union(a.files().keySet(), b.files().keySet()))) {
            String ha = a.files().get(file);
            String hb = b.files().get(file);
            if (ha == null) {
                out.add(indent + "data file " + file + ": newly read");
            } else if (hb == null) {
                out.add(indent + "data file " + file + ": no longer read");
            } else if (!ha.equals(hb)) {
                out.add(indent + "data file " + file + ": content changed (sha256 " + shortHash(ha) + " → "
                        + shortHash(hb) + ")");
            }
        }
        for (String name : new TreeSet<>(union(a.inputs().keySet(), b.inputs().keySet()))) {
            String ka = a.inputs().get(name);
            String kb = b.inputs().get(name);
            if (ka == null) {
                out.add(indent + "input " + name + ": newly referenced (" + nameOf.apply(kb) + ")");
            } else if (kb == null) {
                out.add(indent + "input " + name + ": no longer referenced");
            } else if (!ka.equals(kb)) {
                out.add(indent + "input " + name + " (" + nameOf.apply(kb) + ") changed key " + shortHash(ka) + " → "
                        + shortHash(kb) + (depth + 1 < MAX_DEPTH ? ", because:" : ""));
                if (depth + 1 < MAX_DEPTH) {
                    Optional<KeyDocument> da = before.apply(ka);
                    Optional<KeyDocument> db = after.apply(kb);
                    if (da.isEmpty() || db.isEmpty()) {
                        out.add(indent + "  (the " + (da.isEmpty() ? "previous" : "current")
                                + " document of that input is not known)");
                    } else {
                        diff(da.get(), db.get(), before, after, nameOf, indent + "  ", depth + 1, out);
                    }
                }
            }
        }
    }

    private static void change(List<String> out, String indent, String what, Object a, Object b, String why) {
        if (!Objects.equals(a, b)) {
            out.add(indent + what + ": " + a + " → " + b + why);
        }
    }

    private static <T> List<T> union(java.util.Collection<T> a, java.util.Collection<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A config tree as dotted paths ({@code optimizer.lr}, {@code layers[2]}) to leaf values. */
    private static Map<String, Object> flatten(Map<String, Object> config) {
        Map<String, Object> out = new TreeMap<>();
        flatten("", config, out);
        return out;
    }

    private static void flatten(String prefix, Object v, Map<String, Object> out) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            m.forEach((k, x) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, x, out));
        } else if (v instanceof List<?> l && !l.isEmpty() && l.stream().anyMatch(x -> x instanceof Map)) {
            for (int i = 0; i < l.size(); i++) {
                flatten(prefix + "[" + i + "]", l.get(i), out);
            }
        } else {
            out.put(prefix, v);
        }
    }

    private static String shortHash(String h) {
        return h == null ? "null" : h.length() > 12 ? h.substring(0, 12) : h;
    }
}
