package org.babylab.runtime.internal.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.babylab.runtime.SourceLocation;

/**
 * Applies command-line overrides such as {@code models.ngram3.order=4}, {@code seed=7} or
 * {@code sweep.model=[a,b]} to the merged tree, before interpolation. The value is read as YAML
 * (a flow scalar or collection), so {@code 4} is a number and {@code [a,b]} a list.
 *
 * <p>Component names may contain dots, so each path step takes the longest run of segments that
 * names an existing key. A step into a list takes a 0-based index. Missing mappings on the way are
 * created: whether the new key is allowed is decided later by the same checks as for the file. The
 * exception is a path into a component that does not exist ({@code models.trigam.order=4} when
 * the file declares {@code trigram}): that is a typo, reported as "there is no model 'trigam'" with
 * the closest declared names, never as a new component without {@code type:}. Every bad override is
 * reported, not only the first.
 *
 * <p>Locations read {@code <command line>:N:C}: N is the override's position among the overrides
 * (1-based), C the column within it. Not thread-safe.
 */
final class Overrides {
    static final String COMMAND_LINE = "<command line>";

    private final YamlReader reader;
    private final Problems problems;

    Overrides(YamlReader reader, Problems problems) {
        this.reader = reader;
        this.problems = problems;
    }

    YamlMap apply(YamlMap root, List<String> overrides) {
        YamlMap result = root;
        for (int i = 0; i < overrides.size(); i++) {
            String text = overrides.get(i);
            int ordinal = i + 1;
            SourceLocation at = new SourceLocation(COMMAND_LINE, ordinal, 1);
            int eq = text.indexOf('=');
            if (eq <= 0) {
                problems.error(
                        at,
                        "override '" + text + "' is not of the form key.path=value",
                        "e.g. models.ngram3.order=4 or sweep.model=[a,b]");
                continue;
            }
            String path = text.substring(0, eq).trim();
            int valueColumn = eq + 1;
            YamlNode value = reader.readText(
                    text.substring(eq + 1),
                    (l, c) -> new SourceLocation(COMMAND_LINE, ordinal, valueColumn + c + 1),
                    new SourceLocation(COMMAND_LINE, ordinal, valueColumn + 1));
            if (value == null) {
                continue;
            }
            List<String> segments = Arrays.asList(path.split("\\.", -1));
            if (segments.stream().anyMatch(String::isEmpty)) {
                problems.error(at, "override path '" + path + "' has an empty segment", "e.g. models.ngram3.order=4");
                continue;
            }
            YamlNode updated = set(result, segments, value, at, path, null);
            if (updated instanceof YamlMap m) {
                result = m;
            }
        }
        return result;
    }

    /** {@code node} with the value at {@code segments} replaced; null after reporting a problem. */
    private YamlNode set(
            YamlNode node, List<String> segments, YamlNode value, SourceLocation at, String path, String parentKey) {
        if (node instanceof YamlMap map) {
            int take = longestExistingKey(map, segments);
            String key = String.join(".", segments.subList(0, take));
            List<String> rest = segments.subList(take, segments.size());
            if (rest.isEmpty()) {
                return map.with(key, at, value);
            }
            if (map.get(key).isEmpty() && isComponentSection(map)) {
                problems.error(
                        at,
                        "override '" + path + "': there is no " + singular(parentKey) + " '" + key + "'"
                                + (parentKey == null ? "" : " under '" + parentKey + "' (" + map.location() + ")"),
                        Suggestions.hint(key, map.entries().keySet(), "declared"));
                return null;
            }
            YamlNode child = map.get(key).orElse(YamlMap.empty(at));
            YamlNode updated = set(child, rest, value, at, path, key);
            return updated == null
                    ? null
                    : map.with(key, map.entry(key) == null ? at : map.entry(key).keyLocation(), updated);
        }
        if (node instanceof YamlSeq seq && segments.get(0).matches("\\d+")) {
            int index = Integer.parseInt(segments.get(0));
            if (index >= seq.items().size()) {
                problems.error(
                        at,
                        "override '" + path + "': index " + index + " is past the end of the list at " + seq.location()
                                + ", which has " + seq.items().size() + " item(s)",
                        "");
                return null;
            }
            List<YamlNode> items = new ArrayList<>(seq.items());
            if (segments.size() == 1) {
                items.set(index, value);
            } else {
                YamlNode updated =
                        set(items.get(index), segments.subList(1, segments.size()), value, at, path, parentKey);
                if (updated == null) {
                    return null;
                }
                items.set(index, updated);
            }
            return new YamlSeq(items, seq.location());
        }
        problems.error(
                at,
                "override '" + path + "' goes into " + node.describe() + " at " + node.location()
                        + ", which has no key '" + segments.get(0) + "'",
                "only mappings (and lists, by index) can be entered");
        return null;
    }

    /**
     * True for a mapping of named components (every value a mapping with {@code type:}), such as
     * {@code models} or {@code evaluate.with}: a missing key there is a misspelt component name.
     */
    private static boolean isComponentSection(YamlMap map) {
        return !map.entries().isEmpty()
                && map.entries().values().stream()
                        .allMatch(e ->
                                e.value() instanceof YamlMap m && m.get("type").isPresent());
    }

    /** "model" for "models", "evaluator" for "with", ...; "component" when the section is not known. */
    private static String singular(String section) {
        if (section == null) {
            return "component";
        }
        return switch (section) {
            case "curricula" -> "curriculum";
            case "with" -> "evaluator";
            case "chat_templates" -> "chat template";
            default -> section.endsWith("s") ? section.substring(0, section.length() - 1) : "component";
        };
    }

    private static int longestExistingKey(YamlMap map, List<String> segments) {
        for (int take = segments.size(); take > 1; take--) {
            if (map.entry(String.join(".", segments.subList(0, take))) != null) {
                return take;
            }
        }
        return 1;
    }
}
