package org.babylab.runtime.internal.dsl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.SourceLocation;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.Reference;

/**
 * Checks the references between the components of one trial: every {@code @Ref} name and every
 * {@code evaluate.on} name must be declared in the right section (a model reference also accepts a
 * stage), with did-you-mean when it is not, and references must not form a cycle. Also finds the
 * components nothing evaluated depends on. Not thread-safe.
 */
final class ReferenceChecker {
    private final List<ComponentDecl> components;
    private final Map<ComponentKind, List<String>> declared;
    private final Problems problems;
    private final Map<String, ComponentDecl> byId = new LinkedHashMap<>();

    /**
     * @param components the components of the trial that could be bound
     * @param declared every declared name per kind, including components whose binding failed, so
     *     that a reference to a broken component is not also reported as dangling
     */
    ReferenceChecker(List<ComponentDecl> components, Map<ComponentKind, List<String>> declared, Problems problems) {
        this.components = components;
        this.declared = declared;
        this.problems = problems;
        components.forEach(c -> byId.put(c.id(), c));
    }

    /** The declared names a reference of {@code kind} may target: for MODEL, models and stages. */
    private List<String> targets(ComponentKind kind) {
        List<String> names = new ArrayList<>(declared.getOrDefault(kind, List.of()));
        if (kind == ComponentKind.MODEL) {
            names.addAll(declared.getOrDefault(ComponentKind.STAGE, List.of()));
        }
        return names;
    }

    private boolean exists(ComponentKind kind, String name) {
        return targets(kind).contains(name);
    }

    /** The component a reference resolves to, or null. */
    private ComponentDecl resolve(ComponentKind kind, String name) {
        ComponentDecl d = byId.get(kind.singular() + ":" + name);
        if (d == null && kind == ComponentKind.MODEL) {
            d = byId.get(ComponentKind.STAGE.singular() + ":" + name);
        }
        return d;
    }

    /** Reports dangling references and cycles; true when there is none. */
    boolean check() {
        int errors = problems.errorCount();
        for (ComponentDecl c : components) {
            for (Reference r : c.references()) {
                if (!exists(r.kind(), r.target())) {
                    problems.error(
                            r.location(),
                            c.kind().singular() + " '" + c.name() + "' refers in '" + r.key() + "' to "
                                    + wanted(r.kind()) + " '" + r.target() + "', which is not declared",
                            hint(r.kind(), r.target()));
                }
            }
        }
        if (problems.errorCount() == errors) {
            findCycles();
        }
        return problems.errorCount() == errors;
    }

    /** Checks {@code evaluate.on} names against the models and stages. */
    void checkEvaluated(List<YamlScalar> names) {
        for (YamlScalar name : names) {
            String written = (String) name.value();
            int at = written.indexOf('@');
            if (at >= 0) {
                // stage@checkpoint: which checkpoints a stage keeps is known only when planning.
                String stage = written.substring(0, at);
                if (!exists(ComponentKind.STAGE, stage)) {
                    String isModel = exists(ComponentKind.MODEL, stage)
                            ? "'" + stage + "' is a model; only training stages keep checkpoints; "
                            : "";
                    problems.error(
                            name.location(),
                            "evaluate.on names '" + written + "', but '" + stage + "' is not a stage",
                            isModel + Suggestions.hint(stage, targets(ComponentKind.STAGE), "declared stages"));
                } else if (written.length() == at + 1) {
                    problems.error(
                            name.location(),
                            "evaluate.on names '" + written + "' without a checkpoint after '@'",
                            "write " + stage + "@NAME for one kept checkpoint (e.g. " + stage + "@10M, " + stage
                                    + "@epoch-3) or " + stage + "@* for all of them");
                }
                continue;
            }
            if (!exists(ComponentKind.MODEL, written)) {
                problems.error(
                        name.location(),
                        "evaluate.on names '" + name.value() + "', which is neither a model nor a stage",
                        hint(ComponentKind.MODEL, (String) name.value()));
            }
        }
    }

    private static String wanted(ComponentKind kind) {
        return kind == ComponentKind.MODEL ? "model or stage" : kind.singular();
    }

    private String hint(ComponentKind kind, String target) {
        List<String> names = targets(kind);
        String elsewhere = declared.entrySet().stream()
                .filter(e -> e.getValue().contains(target))
                .map(e -> "'" + target + "' is a " + e.getKey().singular() + "; ")
                .findFirst()
                .orElse("");
        return elsewhere
                + Suggestions.hint(
                        target,
                        names,
                        "declared " + (kind == ComponentKind.MODEL ? "models and stages" : kind.section()));
    }

    private List<ComponentDecl> dependencies(ComponentDecl c) {
        List<ComponentDecl> out = new ArrayList<>();
        for (Reference r : c.references()) {
            ComponentDecl d = resolve(r.kind(), r.target());
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    /** Depth-first search; every back edge closes a cycle, reported once however it is entered. */
    private void findCycles() {
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the stack, 2: done
        Set<Set<String>> reported = new HashSet<>();
        for (ComponentDecl start : components) {
            if (!state.containsKey(start.id())) {
                visit(start, state, new ArrayDeque<>(), reported);
            }
        }
    }

    private void visit(
            ComponentDecl c, Map<String, Integer> state, Deque<ComponentDecl> stack, Set<Set<String>> reported) {
        state.put(c.id(), 1);
        stack.addLast(c);
        for (ComponentDecl d : dependencies(c)) {
            Integer s = state.get(d.id());
            if (s == null) {
                visit(d, state, stack, reported);
            } else if (s == 1) {
                List<ComponentDecl> path = new ArrayList<>(stack);
                List<ComponentDecl> cycle = new ArrayList<>(path.subList(path.indexOf(d), path.size()));
                Set<String> members = cycle.stream().map(ComponentDecl::id).collect(Collectors.toSet());
                if (reported.add(members)) {
                    cycle.add(d);
                    String chain = cycle.stream().map(ComponentDecl::id).collect(Collectors.joining(" -> "));
                    problems.error(
                            d.location(),
                            "reference cycle: " + chain,
                            "each component must be computable before the ones that use it; break the cycle");
                }
            }
        }
        stack.removeLast();
        state.put(c.id(), 2);
    }

    /**
     * The ids of non-evaluator components that neither an evaluated model nor an evaluator depends
     * on, directly or indirectly.
     */
    Set<String> unused(List<String> evaluateOn) {
        Deque<ComponentDecl> todo = new ArrayDeque<>();
        for (String name : evaluateOn) {
            ComponentDecl d =
                    resolve(ComponentKind.MODEL, name.indexOf('@') < 0 ? name : name.substring(0, name.indexOf('@')));
            if (d != null) {
                todo.add(d);
            }
        }
        components.stream().filter(c -> c.kind() == ComponentKind.EVALUATOR).forEach(todo::add);
        Set<String> reached = new HashSet<>();
        while (!todo.isEmpty()) {
            ComponentDecl c = todo.removeFirst();
            if (reached.add(c.id())) {
                todo.addAll(dependencies(c));
            }
        }
        Set<String> unused = new LinkedHashSet<>();
        components.stream().filter(c -> !reached.contains(c.id())).forEach(c -> unused.add(c.id()));
        return unused;
    }

    /** Where each component is declared, by id. */
    Map<String, SourceLocation> locations() {
        Map<String, SourceLocation> out = new LinkedHashMap<>();
        components.forEach(c -> out.put(c.id(), c.location()));
        return out;
    }
}
