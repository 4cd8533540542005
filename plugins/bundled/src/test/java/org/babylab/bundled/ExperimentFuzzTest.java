package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates every shipped experiment file in the ways a hostile or careless edit would (deletions,
 * insertions, swapped and duplicated keys, wrong types, tags, aliases, deep nesting, huge values,
 * control characters and invalid bytes, includes of devices and cycles, exploding variables) and
 * runs {@code babylab plan} on each mutant, as a user would. Every outcome must be "accepted" (exit
 * 0) or "a located error" (exit 2, every error line starting {@code file:line:col}); never an
 * internal error, a stack trace, a hang or an OutOfMemoryError. Deterministic (fixed seed).
 */
class ExperimentFuzzTest {
    private static final Pattern LOCATED = Pattern.compile("^\\S+:\\d+:\\d+: error: .*");

    @TempDir
    Path dir;

    private record Mutation(String name, BiFunction<String, Random, String> apply) {}

    private List<Mutation> mutations(Path self) {
        List<Mutation> m = new ArrayList<>();
        m.add(new Mutation("delete a line", (t, r) -> withLines(t, r, (lines, i) -> lines.remove(i))));
        m.add(new Mutation(
                "duplicate a line (duplicate key)",
                (t, r) -> withLines(t, r, (lines, i) -> lines.add(i, lines.get(i)))));
        m.add(new Mutation(
                "swap two lines",
                (t, r) -> withLines(t, r, (lines, i) -> {
                    int j = r.nextInt(lines.size());
                    String a = lines.get(i);
                    lines.set(i, lines.get(j));
                    lines.set(j, a);
                })));
        m.add(new Mutation(
                "insert an unknown key",
                (t, r) -> withLines(t, r, (lines, i) -> lines.add(i, indentOf(lines.get(i)) + "bogus_key: 7"))));
        m.add(new Mutation("wrong type: list", (t, r) -> replaceValue(t, r, "[1, [2, {x: 3}]]")));
        m.add(new Mutation("wrong type: mapping", (t, r) -> replaceValue(t, r, "{a: b}")));
        m.add(new Mutation("wrong type: number", (t, r) -> replaceValue(t, r, "-1e308")));
        m.add(new Mutation("wrong type: text", (t, r) -> replaceValue(t, r, "\"not a number\"")));
        m.add(new Mutation("wrong type: null", (t, r) -> replaceValue(t, r, "~")));
        m.add(new Mutation("impossible value", (t, r) -> replaceValue(t, r, "99999999999999999999999")));
        m.add(new Mutation("tag", (t, r) -> replaceValue(t, r, "!!python/object:os.system ls")));
        m.add(new Mutation("local tag", (t, r) -> replaceValue(t, r, "!custom x")));
        m.add(new Mutation(
                "billion laughs",
                (t, r) -> t + "\nreport:\n  a: &a [x, x, x, x, x, x, x, x, x]\n"
                        + "  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                        + "  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                        + "  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n  g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"));
        m.add(new Mutation("deep nesting", (t, r) -> replaceValue(t, r, "[".repeat(500) + "]".repeat(500))));
        m.add(new Mutation("huge value", (t, r) -> replaceValue(t, r, "x".repeat(5 << 20))));
        m.add(new Mutation("long line of keys", (t, r) -> t + "\nreport: {" + "k: 1, ".repeat(30_000) + "}\n"));
        m.add(new Mutation("many keys on many lines", (t, r) -> t + "\nreport:\n" + "  k: 1\n".repeat(50_000)));
        m.add(new Mutation("control character", (t, r) -> insertAt(t, r, String.valueOf((char) r.nextInt(0x20)))));
        m.add(new Mutation("NUL and DEL", (t, r) -> insertAt(t, r, "\u0000\u007f")));
        m.add(new Mutation("include /dev/zero", (t, r) -> "include: /dev/zero\n" + t));
        m.add(new Mutation("include /dev/urandom", (t, r) -> "include: [/dev/urandom]\n" + t));
        m.add(new Mutation("include a directory", (t, r) -> "include: /tmp\n" + t));
        m.add(new Mutation("include itself (cycle)", (t, r) -> "include: " + self.getFileName() + "\n" + t));
        m.add(new Mutation("doubling variables", (t, r) -> {
            StringBuilder v = new StringBuilder("\nvars:\n");
            for (int i = 0; i < 40; i++) {
                v.append("  z")
                        .append(i)
                        .append(": \"${z")
                        .append(i + 1)
                        .append("}${z")
                        .append(i + 1)
                        .append("}\"\n");
            }
            return t.replaceFirst("(?m)^vars:.*$", "vars_old: {}") + v + "  z40: xx\nreport: {title: \"${z0}\"}\n";
        }));
        m.add(new Mutation(
                "variable cycle",
                (t, r) -> t.replaceFirst("(?m)^vars:.*$", "vars_old: {}") + "\nvars: {p: \"${q}\", q: \"${p}\"}\n"));
        m.add(new Mutation("unterminated interpolation", (t, r) -> replaceValue(t, r, "\"${oops\"")));
        m.add(new Mutation("truncate", (t, r) -> t.substring(0, r.nextInt(t.length()))));
        m.add(new Mutation("flow garbage", (t, r) -> insertAt(t, r, "{[}]:&*!|>%@`")));
        m.add(new Mutation(
                "over-long experiment name",
                (t, r) -> t.replaceFirst("(?m)^experiment: .*$", "experiment: " + "n".repeat(300))));
        return m;
    }

    @Test
    void every_mutant_of_every_shipped_experiment_is_accepted_or_a_located_error() throws Exception {
        Path experiments = CliRun.projectDir().resolve("experiments");
        Path work = Files.createDirectories(dir.resolve("experiments"));
        Files.createSymbolicLink(work.resolve("data"), experiments.resolve("data"));
        Path store = dir.resolve("store");
        List<Path> shipped;
        try (Stream<Path> s = Files.list(experiments)) {
            shipped = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(shipped.size() >= 5, "the shipped experiments: " + shipped);
        Random random = new Random(13);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        int n = 0;
        for (Path original : shipped) {
            String text = Files.readString(original);
            int count = mutations(original).size();
            for (int k = 0; k < count; k++) {
                Path mutant = work.resolve("m" + (n++) + "-" + original.getFileName());
                Mutation mutation = mutations(mutant).get(k); // every mutation once per shipped file
                String mutated = mutation.apply().apply(text, random);
                if (mutation.name().equals("NUL and DEL") || mutation.name().equals("control character")) {
                    Files.writeString(mutant, mutated);
                } else if (random.nextInt(8) == 0) {
                    byte[] bytes = mutated.getBytes(StandardCharsets.UTF_8);
                    bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80)); // invalid UTF-8, mostly
                    Files.write(mutant, bytes);
                } else {
                    Files.writeString(mutant, mutated);
                }
                CliRun plan = assertTimeoutPreemptively(
                        Duration.ofSeconds(30),
                        () -> CliRun.of("plan", mutant.toString(), "--store", store.toString()),
                        mutation.name() + " of " + original);
                String outcome = classify(plan);
                outcomes.merge(outcome, 1, Integer::sum);
                if (outcome.startsWith("BAD")) {
                    bad.add(mutation.name() + " of " + original.getFileName() + " (" + mutant + "): " + outcome + "\n"
                            + abbreviate(plan.transcript()));
                }
            }
        }
        System.out.println("fuzzed " + n + " mutants of " + shipped.size() + " shipped experiments: " + outcomes);
        assertEquals(List.of(), bad, "every outcome is accepted or a located error; " + outcomes);
    }

    private static String classify(CliRun run) {
        String all = run.out() + run.err();
        if (all.contains("OutOfMemoryError")
                || all.contains("internal error")
                || all.contains("\tat ")
                || all.contains("Exception")) {
            return "BAD: crash";
        }
        if (run.exitCode() == 0) {
            return "accepted";
        }
        if (run.exitCode() != 2) {
            return "BAD: exit " + run.exitCode();
        }
        List<String> errors =
                run.err().lines().filter(l -> l.contains(": error: ")).toList();
        if (errors.isEmpty()) {
            return "BAD: exit 2 with no error line";
        }
        for (String line : errors) {
            if (!LOCATED.matcher(line).matches()) {
                return "BAD: unlocated error: " + line;
            }
        }
        return "located error";
    }

    private interface LineEdit {
        void apply(List<String> lines, int index);
    }

    private static String withLines(String text, Random r, LineEdit edit) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        edit.apply(lines, r.nextInt(lines.size()));
        return String.join("\n", lines) + "\n";
    }

    private static String indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return line.substring(0, i);
    }

    /** Replaces the value after a random {@code key: value} line's colon. */
    private static String replaceValue(String text, Random r, String value) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.trim().startsWith("#") && l.matches("\\s*[A-Za-z_][\\w.-]*:\\s+\\S.*")) {
                candidates.add(i);
            }
        }
        int i = candidates.get(r.nextInt(candidates.size()));
        String l = lines.get(i);
        lines.set(i, l.substring(0, l.indexOf(':') + 1) + " " + value);
        return String.join("\n", lines) + "\n";
    }

    private static String insertAt(String text, Random r, String what) {
        int at = r.nextInt(text.length());
        return text.substring(0, at) + what + text.substring(at);
    }

    private static String abbreviate(String s) {
        return s.length() <= 3000 ? s : s.substring(0, 3000) + "...";
    }
}
