package org.babylab.runtime.internal.dsl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.babylab.api.ComponentKind;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.SourceLocation;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.Reference;
import org.babylab.runtime.internal.registry.PluginCalls;

/**
 * Binds one component declaration (an interpolated mapping with {@code type:}) to its factory's
 * config record and reports what is wrong at the YAML location that caused it: a missing or
 * unknown type (with the known ids), unknown keys (with did-you-mean and the valid keys), missing
 * {@code @Required} keys, wrong value types, and the messages of the record's compact constructor.
 *
 * <p>Unknown and missing keys are checked before Jackson runs, so every one of them is reported at
 * once; Jackson then reports the first value it cannot bind. Not thread-safe (shares a
 * {@link Problems}); the mapper it holds is.
 */
final class ComponentBinder {
    static final String TYPE = "type";
    /**
     * A component's own seed, next to {@code type:}: it wins over the trial's seed. A config record
     * with a {@code seed} of its own (the glue evaluator's) keeps the key: there it is the plugin's.
     */
    static final String SEED = "seed";

    private final ComponentCatalog catalog;
    private final Problems problems;
    private final ObjectMapper mapper = ConfigMapper.create();

    ComponentBinder(ComponentCatalog catalog, Problems problems) {
        this.catalog = catalog;
        this.problems = problems;
    }

    /**
     * Binds the component {@code entry.key()} of {@code kind}.
     *
     * @return the declaration, or null after reporting why it cannot be bound
     */
    ComponentDecl bind(ComponentKind kind, YamlMap.Entry entry) {
        String name = entry.key();
        String label = kind.singular() + " '" + name + "'";
        if (!(entry.value() instanceof YamlMap decl)) {
            problems.error(
                    entry.value().location(),
                    label + " must be a mapping with a 'type:' key, not "
                            + entry.value().describe(),
                    Suggestions.hint(null, catalog.types(kind), "known " + kind.singular() + " types"));
            return null;
        }
        ComponentFactory<?> factory = factory(kind, label, decl);
        if (factory == null) {
            return null;
        }
        Class<? extends Record> configType = factory.configType();
        String where = label + " (type " + factory.type() + ")";
        YamlMap config = decl.without(TYPE);
        ConfigRecord description = ConfigRecord.of(configType);
        boolean ownSeedKey = description.yamlKeys().contains(SEED);
        Long seed = null;
        if (!ownSeedKey && config.entry(SEED) != null) {
            YamlMap.Entry seedEntry = config.entry(SEED);
            config = config.without(SEED);
            if (!(seedEntry.value() instanceof YamlScalar s && s.value() instanceof Long l)) {
                problems.error(
                        seedEntry.value().location(),
                        where + ": seed must be an integer that fits in 64 bits, got "
                                + seedEntry.value().describe(),
                        "e.g. seed: 7 (it replaces the trial's seed for this component)");
                return null;
            }
            if (!factory.usesSeed()) {
                problems.error(
                        seedEntry.keyLocation(),
                        where + " does not use a seed: its output is the same for every seed",
                        "remove 'seed:' here; only components that initialise, shuffle or sample take one");
                return null;
            }
            seed = l;
        }
        if (!checkKeys(where, config, description)) {
            return null;
        }
        Record bound;
        try {
            // The record's compact constructor is plugin code: run it under the plugin's loader.
            YamlMap keyed = config;
            bound = PluginCalls.withContextLoader(
                    configType.getClassLoader(), () -> mapper.treeToValue(toJson(keyed), configType));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            reportBindingFailure(where, config, e);
            return null;
        }
        Record boundConfig = bound;
        Map<String, Object> canonical = PluginCalls.withContextLoader(
                configType.getClassLoader(),
                () -> mapper.convertValue(boundConfig, new TypeReference<LinkedHashMap<String, Object>>() {}));
        return new ComponentDecl(
                kind, name, factory.type(), bound, canonical, references(bound, config), decl.location(), seed);
    }

    private ComponentFactory<?> factory(ComponentKind kind, String label, YamlMap decl) {
        List<String> known = catalog.types(kind);
        YamlMap.Entry typeEntry = decl.entry(TYPE);
        if (typeEntry == null) {
            problems.error(
                    decl.location(),
                    label + " has no 'type:'",
                    Suggestions.hint(null, known, "known " + kind.singular() + " types"));
            return null;
        }
        if (!(typeEntry.value() instanceof YamlScalar s) || !s.isString()) {
            problems.error(
                    typeEntry.value().location(),
                    label + ": 'type' must be a type id, not "
                            + typeEntry.value().describe(),
                    Suggestions.hint(null, known, "known " + kind.singular() + " types"));
            return null;
        }
        String type = (String) s.value();
        Optional<ComponentFactory<?>> factory = catalog.factory(kind, type);
        if (factory.isEmpty()) {
            Optional<String> refused = catalog.whyUnavailable(kind, type);
            problems.error(
                    s.location(),
                    label + " has unknown type '" + type + "'"
                            + refused.map(r -> ": " + r).orElse(""),
                    Suggestions.hint(type, known, "known " + kind.singular() + " types"));
            return null;
        }
        return factory.get();
    }

    /** Reports every unknown key and every missing {@code @Required} key; true when there is none. */
    private boolean checkKeys(String where, YamlMap config, ConfigRecord description) {
        List<String> valid = description.yamlKeys();
        boolean ok = true;
        for (YamlMap.Entry e : config.entries().values()) {
            if (!valid.contains(e.key())) {
                problems.error(
                        e.keyLocation(),
                        "unknown key '" + e.key() + "' in " + where,
                        Suggestions.hint(e.key(), valid, "valid keys"));
                ok = false;
            }
        }
        for (ConfigComponent c : description.components()) {
            String key = c.yamlKey();
            Optional<YamlNode> value = config.get(key);
            boolean absent = value.isEmpty() || value.get() instanceof YamlScalar s && s.value() == null;
            if (c.required() && absent) {
                problems.error(
                        value.map(YamlNode::location).orElse(config.location()),
                        where + " is missing required key '" + key + "'",
                        c.doc() == null ? "add '" + key + ": ...'" : "add '" + key + ": ...' (" + c.doc() + ")");
                ok = false;
            }
        }
        return ok;
    }

    private void reportBindingFailure(String where, YamlMap config, Exception e) {
        if (!(e instanceof JsonMappingException jme)) {
            problems.error(config.location(), where + ": " + e.getMessage(), "");
            return;
        }
        List<JsonMappingException.Reference> path = jme.getPath();
        Located target = locate(config, path);
        String key = keyText(path);
        if (jme instanceof UnrecognizedPropertyException u) {
            // Keys in the record's component order, like the top-level check; Jackson's own list is unordered.
            List<String> valid =
                    u.getReferringClass() != null && u.getReferringClass().isRecord()
                            ? ConfigRecord.of(u.getReferringClass()).yamlKeys()
                            : u.getKnownPropertyIds() == null
                                    ? List.of()
                                    : u.getKnownPropertyIds().stream()
                                            .map(String::valueOf)
                                            .sorted()
                                            .toList();
            problems.error(
                    target.keyLocation(),
                    "unknown key '" + u.getPropertyName() + "' under '" + parentKeyText(path) + "' in " + where,
                    Suggestions.hint(u.getPropertyName(), valid, "valid keys"));
        } else if (jme instanceof ValueInstantiationException vie) {
            Throwable cause = vie.getCause() != null ? vie.getCause() : vie;
            String message = cause.getMessage() != null ? cause.getMessage() : cause.toString();
            SourceLocation at = target.node() instanceof YamlMap m
                    ? keyMentioned(m, message).orElse(m.location())
                    : target.node().location();
            problems.error(at, where + ": " + message, "");
        } else if (jme instanceof MismatchedInputException mie) {
            Class<?> expected = mie.getTargetType();
            String hint = "";
            if (mie instanceof InvalidFormatException ife
                    && expected != null
                    && expected.isEnum()
                    && ife.getValue() != null) {
                List<String> names = enumNames(expected);
                hint = Suggestions.hint(String.valueOf(ife.getValue()), names, "valid values");
            }
            problems.error(
                    target.node().location(),
                    where + ": " + (key.isEmpty() ? "the mapping" : "'" + key + "'") + " expects "
                            + describeType(expected) + ", got " + target.node().describe(),
                    hint);
        } else {
            problems.error(
                    target.node().location(),
                    where + ": " + (key.isEmpty() ? "" : "'" + key + "': ") + jme.getOriginalMessage(),
                    "");
        }
    }

    /** A node found by following a Jackson path, with the location of the last key on the way. */
    private record Located(YamlNode node, SourceLocation keyLocation) {}

    private static Located locate(YamlMap root, List<JsonMappingException.Reference> path) {
        YamlNode node = root;
        SourceLocation keyAt = root.location();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null && node instanceof YamlMap m && m.entry(ref.getFieldName()) != null) {
                YamlMap.Entry e = m.entry(ref.getFieldName());
                keyAt = e.keyLocation();
                node = e.value();
            } else if (ref.getIndex() >= 0
                    && node instanceof YamlSeq s
                    && ref.getIndex() < s.items().size()) {
                node = s.items().get(ref.getIndex());
                keyAt = node.location();
            } else {
                break;
            }
        }
        return new Located(node, keyAt);
    }

    private static String keyText(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String parentKeyText(List<JsonMappingException.Reference> path) {
        String parent = keyText(path.subList(0, Math.max(0, path.size() - 1)));
        return parent.isEmpty() ? "the component" : parent;
    }

    /** The location of the key of {@code map} that {@code message} names first, if any. */
    private static Optional<SourceLocation> keyMentioned(YamlMap map, String message) {
        int best = Integer.MAX_VALUE;
        SourceLocation at = null;
        for (YamlMap.Entry e : map.entries().values()) {
            Matcher m = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(e.key()) + "(?![A-Za-z0-9_])")
                    .matcher(message);
            if (m.find() && m.start() < best) {
                best = m.start();
                at = e.keyLocation();
            }
        }
        return Optional.ofNullable(at);
    }

    private static List<String> enumNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(c -> ((Enum<?>) c).name())
                .toList();
    }

    /** How a Java type is written in YAML, for "expects ..." messages. */
    static String describeType(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == Path.class) {
            return "a path (a string)";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class
                || type == Byte.class
                || type == byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", enumNames(type));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        return "a " + type.getSimpleName();
    }

    /**
     * The {@code @Ref} names of a bound config, in component order, with where each is written. Nested
     * records (and lists of records) are searched too, so a curriculum's
     * {@code phases: [{datasets: [...]}]} declares its datasets; their keys read {@code phases[0].datasets}.
     */
    private static List<Reference> references(Record bound, YamlMap config) {
        List<Reference> refs = new ArrayList<>();
        collectReferences(bound, config, config.location(), "", refs);
        return refs;
    }

    private static void collectReferences(
            Record bound, YamlMap config, SourceLocation at, String prefix, List<Reference> refs) {
        for (ConfigComponent c : ConfigRecord.of(bound.getClass()).components()) {
            Object value = c.read(bound);
            String yamlKey = c.yamlKey();
            String key = prefix + yamlKey;
            YamlNode written = config == null ? null : config.get(yamlKey).orElse(null);
            SourceLocation keyAt = written == null ? at : written.location();
            ComponentKind ref = c.ref();
            if (ref == null) {
                if (value instanceof Record nested) {
                    collectReferences(nested, written instanceof YamlMap m ? m : null, keyAt, key + ".", refs);
                } else if (value instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i) instanceof Record nested) {
                            YamlNode item = written instanceof YamlSeq seq
                                            && i < seq.items().size()
                                    ? seq.items().get(i)
                                    : null;
                            collectReferences(
                                    nested,
                                    item instanceof YamlMap m ? m : null,
                                    item == null ? keyAt : item.location(),
                                    key + "[" + i + "].",
                                    refs);
                        }
                    }
                }
                continue;
            }
            if (value instanceof String s) {
                refs.add(new Reference(key, ref, s, keyAt));
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    SourceLocation itemAt =
                            written instanceof YamlSeq seq && i < seq.items().size()
                                    ? seq.items().get(i).location()
                                    : keyAt;
                    if (list.get(i) != null) {
                        refs.add(new Reference(key, ref, String.valueOf(list.get(i)), itemAt));
                    }
                }
            }
        }
    }

    /** The YAML tree as Jackson's tree, for binding. */
    private static JsonNode toJson(YamlNode node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof YamlMap map) {
            ObjectNode o = f.objectNode();
            map.entries().forEach((k, e) -> o.set(k, toJson(e.value())));
            return o;
        }
        if (node instanceof YamlSeq seq) {
            ArrayNode a = f.arrayNode();
            seq.items().forEach(i -> a.add(toJson(i)));
            return a;
        }
        Object v = ((YamlScalar) node).value();
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof String s) {
            return f.textNode(s);
        }
        if (v instanceof Long l) {
            return f.numberNode(l);
        }
        if (v instanceof BigInteger b) {
            return f.numberNode(b);
        }
        if (v instanceof Double d) {
            return f.numberNode(d);
        }
        return f.booleanNode((Boolean) v);
    }
}
