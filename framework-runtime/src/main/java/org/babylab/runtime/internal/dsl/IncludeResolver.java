package org.babylab.runtime.internal.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.babylab.runtime.SourceLocation;

/**
 * Reads an experiment file and the files it {@code include:}s, merging each included file under
 * the including one: mappings merge key by key, recursively; anything else from the including file
 * replaces the included value. Several includes apply in order, later over earlier. Includes nest;
 * a cycle is an error naming the chain.
 *
 * <p>Include paths are taken literally ({@code ${...}} is not expanded in them: vars are only known
 * once every file is merged). Not thread-safe.
 */
final class IncludeResolver {
    static final String INCLUDE = "include";

    private final YamlReader reader;
    private final Problems problems;

    IncludeResolver(YamlReader reader, Problems problems) {
        this.reader = reader;
        this.problems = problems;
    }

    /** The merged top-level mapping of {@code file} (shown as {@code file.toString()}), or null when unreadable. */
    YamlMap read(Path file) {
        return read(file, file.toString(), new SourceLocation(file.toString(), 0, 0), new ArrayList<>());
    }

    private YamlMap read(Path file, String displayName, SourceLocation includedFrom, List<Path> chain) {
        Path identity = file.toAbsolutePath().normalize();
        if (chain.contains(identity)) {
            String cycle = chain.subList(chain.indexOf(identity), chain.size()).stream()
                            .map(Path::toString)
                            .collect(Collectors.joining(" -> "))
                    + " -> " + identity;
            problems.error(
                    includedFrom,
                    "include cycle: " + cycle,
                    "a file must not include itself, directly or through other files");
            return null;
        }
        YamlNode node = reader.readFile(file, displayName, includedFrom);
        if (node == null) {
            if (chain.isEmpty() && !problems.hasErrors()) {
                problems.error(
                        new SourceLocation(displayName, 1, 1),
                        "file " + displayName + " is empty",
                        "an experiment file is a mapping starting with 'experiment: <name>'");
            }
            return null;
        }
        if (!(node instanceof YamlMap map)) {
            problems.error(
                    node.location(),
                    "the top level of " + displayName + " must be a mapping of keys such as 'experiment:', not "
                            + node.describe(),
                    "");
            return null;
        }
        YamlMap.Entry include = map.entry(INCLUDE);
        if (include == null) {
            return map;
        }
        chain.add(identity);
        YamlMap merged = null;
        for (YamlScalar name : includeNames(include)) {
            Path target = file.resolveSibling((String) name.value());
            String targetName = Path.of(displayName)
                    .resolveSibling((String) name.value())
                    .normalize()
                    .toString();
            YamlMap included = read(target, targetName, name.location(), chain);
            if (included != null) {
                merged = merged == null ? included : merge(merged, included);
            }
        }
        chain.remove(chain.size() - 1);
        YamlMap own = map.without(INCLUDE);
        return merged == null ? own : merge(merged, own).at(own.location());
    }

    private List<YamlScalar> includeNames(YamlMap.Entry include) {
        List<YamlNode> items = include.value() instanceof YamlSeq seq ? seq.items() : List.of(include.value());
        List<YamlScalar> names = new ArrayList<>();
        for (YamlNode item : items) {
            if (item instanceof YamlScalar s && s.isString() && !((String) s.value()).isBlank()) {
                names.add(s);
            } else {
                problems.error(
                        item.location(),
                        "include: expects a file name or a list of file names, got " + item.describe(),
                        "e.g. include: [defaults.yaml]");
            }
        }
        return names;
    }

    /** {@code over} merged over {@code base}: mappings key by key, recursively; otherwise {@code over} wins. */
    static YamlNode merge(YamlNode base, YamlNode over) {
        if (base instanceof YamlMap b && over instanceof YamlMap o) {
            return merge(b, o);
        }
        return over;
    }

    static YamlMap merge(YamlMap base, YamlMap over) {
        Map<String, YamlMap.Entry> out = new LinkedHashMap<>(base.entries());
        over.entries().forEach((key, entry) -> {
            YamlMap.Entry under = out.get(key);
            YamlNode value = under == null ? entry.value() : merge(under.value(), entry.value());
            out.put(key, new YamlMap.Entry(key, entry.keyLocation(), value));
        });
        return new YamlMap(out, over.location());
    }
}
