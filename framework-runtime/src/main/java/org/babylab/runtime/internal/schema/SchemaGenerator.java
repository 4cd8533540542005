package org.babylab.runtime.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.dsl.ConfigComponent;
import org.babylab.runtime.internal.dsl.ConfigRecord;
import org.babylab.runtime.internal.dsl.ExperimentLoader;

/**
 * Generates the JSON Schema (draft 2020-12) of the experiment DSL for a given set of plugins, so
 * YAML editors can complete and check experiment files ({@code babylab schema}).
 *
 * <p>Each section ({@code datasets:}, ..., {@code evaluate.with:}) maps names to
 * {@code #/$defs/<kind>}: an object whose {@code type} is one of the registered ids and which, per
 * id, must match {@code #/$defs/<kind>.<id>} (an {@code allOf} of {@code if type = id then ...}
 * rather than a {@code oneOf}, so editors report the errors of the one matching type instead of
 * "matches none of"). A config record becomes an object with snake_case properties,
 * {@code required} from {@code @Required}, {@code description} from {@code @Doc} and
 * {@code additionalProperties: false}; nested records get their own {@code $defs} entry.
 * Non-string values also accept a whole-value {@code ${...}} reference, which the DSL replaces
 * before binding. A list also accepts a single value, as the DSL does ({@code source: switchboard}
 * for {@code source: [switchboard]}). A string key whose config record declares
 * {@code public static Collection<String> <key>Values()} (the Java component name, e.g.
 * {@code presetValues()}) gets those values as an {@code enum}, so editors offer the presets.
 *
 * <p>Stateless; thread-safe.
 */
public final class SchemaGenerator {
    public static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final String INTERPOLATION = "interpolation";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SchemaGenerator() {}

    /** The schema of an experiment file using the factories of {@code catalog}. */
    public static ObjectNode generate(ComponentCatalog catalog) {
        return new Generation(catalog).schema();
    }

    /** The state of one generation: the {@code $defs} being filled. */
    private static final class Generation {
        private final ComponentCatalog catalog;
        private final ObjectNode defs = JSON.objectNode();

        Generation(ComponentCatalog catalog) {
            this.catalog = catalog;
        }

        ObjectNode schema() {
            ObjectNode root = JSON.objectNode();
            root.put("$schema", DRAFT_2020_12);
            root.put("title", "BabyLab experiment");
            root.put("description", "An experiment: components, what to evaluate, and an optional sweep.");
            root.put("type", "object");
            ObjectNode props = root.putObject("properties");
            props.set("experiment", described(pattern("[a-z0-9][a-z0-9_.-]*"), "The experiment's name."));
            props.set("seed", described(interpolable(type("integer")), "The experiment seed; default 0."));
            props.set(
                    "include",
                    described(
                            anyOf(type("string"), arrayOf(type("string"))),
                            "Files merged under this one (this file wins), relative to this file."));
            props.set("vars", described(type("object"), "Variables for ${name} references; they may use each other."));
            props.set("store", described(type("string"), "The store directory, relative to this file."));
            props.set("devices", devices());
            for (ComponentKind kind : ComponentKind.values()) {
                if (kind != ComponentKind.EVALUATOR) {
                    props.set(kind.section(), section(kind));
                }
            }
            props.set("evaluate", evaluate());
            props.set("sweep", sweep());
            props.set(
                    "report",
                    described(
                            type("object"),
                            "What the study report draws (docs/report.md): "
                                    + String.join(", ", org.babylab.runtime.internal.report.ReportSettings.KEYS)
                                    + "."));
            props.set(
                    "cluster",
                    described(
                            type("object"),
                            "Slurm settings for 'run --on slurm' (partition, gpu_partition, account, qos,"
                                    + " retries, setup, container, sbatch, launcher, max_cpus, steps); see docs/devices.md."));
            root.set("required", array("experiment"));
            root.put("additionalProperties", false);
            ObjectNode interpolation = pattern("^\\$\\{[^}]+\\}$");
            interpolation.put(
                    "description",
                    "A ${...} reference (var, env.NAME, sweep.axis, experiment.dir), replaced before binding.");
            defs.set(INTERPOLATION, interpolation);
            for (ComponentKind kind : ComponentKind.values()) {
                defs.set(kind.singular(), kindSchema(kind));
            }
            root.set("$defs", defs);
            // The top-level keys the loader accepts and the ones described here must not drift apart.
            if (!ExperimentLoader.TOP_LEVEL_KEYS.stream().allMatch(props::has)
                    || props.size() != ExperimentLoader.TOP_LEVEL_KEYS.size()) {
                List<String> described = new ArrayList<>();
                props.fieldNames().forEachRemaining(described::add);
                throw new IllegalStateException(
                        "schema top-level keys " + described + " differ from " + ExperimentLoader.TOP_LEVEL_KEYS);
            }
            return root;
        }

        private ObjectNode section(ComponentKind kind) {
            ObjectNode s = type("object");
            s.put("description", "The " + kind.section() + ", by name.");
            s.set("propertyNames", pattern("^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
            s.set("additionalProperties", ref(kind.singular()));
            return s;
        }

        private ObjectNode evaluate() {
            ObjectNode e = type("object");
            e.put("description", "Which models or stages to evaluate, with which evaluators.");
            ObjectNode p = e.putObject("properties");
            p.set("on", described(anyOf(type("string"), arrayOf(type("string"))), "Names of models or stages."));
            p.set("with", section(ComponentKind.EVALUATOR));
            e.put("additionalProperties", false);
            return e;
        }

        private ObjectNode sweep() {
            ObjectNode axis = interpolable(arrayOf(JSON.objectNode()));
            ((ObjectNode) axis.get("anyOf").get(0)).put("minItems", 1);
            ObjectNode zip = type("object");
            zip.put("description", "Paired axes of equal length: the i-th values go together.");
            zip.set("additionalProperties", axis);
            ObjectNode s = type("object");
            s.put("description", "Grid axes (cartesian product, in order) and one zip group; each point is a trial.");
            s.putObject("properties").set("zip", zip);
            s.set("additionalProperties", axis.deepCopy());
            return s;
        }

        private ObjectNode devices() {
            ObjectNode memory = anyOf(type("integer"), pattern("^\\d+(\\.\\d+)?\\s*([kKMGT]i?B|[bB])?$"));
            ObjectNode gpu = type("object");
            gpu.putObject("properties").set("memory", memory.deepCopy());
            gpu.set("required", array("memory"));
            gpu.put("additionalProperties", false);
            ObjectNode d = type("object");
            d.put("description", "Declared devices, replacing detection.");
            ObjectNode p = d.putObject("properties");
            ObjectNode threads = type("integer");
            threads.put("minimum", 1);
            p.set(
                    "cpu_threads",
                    described(threads, "CPU threads the scheduler may hand out; default: all processors."));
            p.set("gpus", described(arrayOf(anyOf(gpu, memory)), "One entry per GPU: its memory, e.g. 80GB or 40GiB."));
            d.put("additionalProperties", false);
            return d;
        }

        /** {@code #/$defs/<kind>}: {@code type} is a known id, and each id selects its config schema. */
        private ObjectNode kindSchema(ComponentKind kind) {
            ObjectNode k = type("object");
            k.put(
                    "description",
                    "A " + kind.singular() + ": 'type' selects the factory, the other keys are its config.");
            ArrayNode ids = JSON.arrayNode();
            catalog.types(kind).forEach(ids::add);
            k.putObject("properties").putObject("type").set("enum", ids);
            k.set("required", array("type"));
            ArrayNode all = k.putArray("allOf");
            for (String id : catalog.types(kind)) {
                ComponentFactory<?> factory = catalog.factory(kind, id).orElseThrow();
                String name = kind.singular() + "." + id;
                defs.set(name, componentSchema(factory));
                ObjectNode rule = all.addObject();
                ObjectNode cond = rule.putObject("if");
                cond.putObject("properties").putObject("type").put("const", id);
                cond.set("required", array("type"));
                rule.set("then", ref(name));
            }
            return k;
        }

        private ObjectNode componentSchema(ComponentFactory<?> factory) {
            Class<?> config = factory.configType();
            ObjectNode s = recordSchema(config);
            String description =
                    factory.description().isBlank() ? ConfigRecord.of(config).doc() : factory.description();
            if (description != null) {
                s.put("description", description);
            }
            ObjectNode typeProperty = JSON.objectNode().put("const", factory.type());
            ObjectNode props = (ObjectNode) s.get("properties");
            ObjectNode withType = JSON.objectNode();
            withType.set("type", typeProperty);
            withType.setAll(props);
            if (!props.has("seed") && factory.usesSeed()) {
                // The component's own seed (docs/dsl.md, "Seeds"): bound by the DSL, not by the config record.
                ObjectNode seed = JSON.objectNode();
                ArrayNode anyOf = seed.putArray("anyOf");
                anyOf.addObject().put("type", "integer");
                anyOf.addObject().put("$ref", "#/$defs/interpolation");
                seed.put(
                        "description",
                        "This component's own seed; wins over the trial's (a swept seed) and the experiment's");
                withType.set("seed", seed);
            }
            s.set("properties", withType);
            ArrayNode required = array("type");
            s.get("required").forEach(required::add);
            s.set("required", required);
            return s;
        }

        private ObjectNode recordSchema(Class<?> record) {
            ConfigRecord description = ConfigRecord.of(record);
            ObjectNode s = type("object");
            String doc = description.doc();
            if (doc != null) {
                s.put("description", doc);
            }
            ObjectNode props = s.putObject("properties");
            ArrayNode required = s.putArray("required");
            for (ConfigComponent c : description.components()) {
                String key = c.yamlKey();
                ObjectNode value = valueSchema(c.genericType());
                List<String> allowed = c.allowedValues();
                if (!allowed.isEmpty()) {
                    // One of the values, or a ${...} reference resolved before binding (a swept preset).
                    ArrayNode values = value.putArray("enum");
                    allowed.forEach(values::add);
                    value = interpolable(value);
                }
                ComponentKind ref = c.ref();
                String d = c.doc();
                if (ref != null) {
                    String target = ref == ComponentKind.MODEL ? "model or stage" : ref.singular();
                    d = (d == null ? "" : d + " ") + "(names a declared " + target + ")";
                }
                props.set(key, d == null ? value : described(value, d));
                if (c.required()) {
                    required.add(key);
                }
            }
            s.put("additionalProperties", false);
            return s;
        }

        private ObjectNode valueSchema(Type type) {
            if (type instanceof WildcardType w) {
                return valueSchema(w.getUpperBounds()[0]);
            }
            if (type instanceof GenericArrayType a) {
                return listOrSingle(valueSchema(a.getGenericComponentType()));
            }
            if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
                Type[] args = p.getActualTypeArguments();
                if (Collection.class.isAssignableFrom(raw)) {
                    return listOrSingle(valueSchema(args[0]));
                }
                if (Map.class.isAssignableFrom(raw)) {
                    ObjectNode m = type("object");
                    m.set("additionalProperties", valueSchema(args[1]));
                    return interpolable(m);
                }
                return valueSchema(raw);
            }
            if (!(type instanceof Class<?> c)) {
                return JSON.objectNode();
            }
            if (c == String.class || c == Path.class || c == char.class || c == Character.class) {
                return type("string");
            }
            if (c == Integer.class
                    || c == int.class
                    || c == Long.class
                    || c == long.class
                    || c == Short.class
                    || c == short.class
                    || c == Byte.class
                    || c == byte.class
                    || c == BigInteger.class) {
                return interpolable(type("integer"));
            }
            if (c == Double.class
                    || c == double.class
                    || c == Float.class
                    || c == float.class
                    || c == BigDecimal.class) {
                return interpolable(type("number"));
            }
            if (c == Boolean.class || c == boolean.class) {
                return interpolable(type("boolean"));
            }
            if (c.isEnum()) {
                ObjectNode e = type("string");
                // The DSL reads enum values case-insensitively; the lower-case spelling (the one the docs
                // and shipped experiments use) comes first so editors offer it, the constant's own name after.
                ArrayNode names = e.putArray("enum");
                for (Object constant : c.getEnumConstants()) {
                    names.add(((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT));
                }
                for (Object constant : c.getEnumConstants()) {
                    String name = ((Enum<?>) constant).name();
                    if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                        names.add(name);
                    }
                }
                return e;
            }
            if (c.isArray()) {
                return listOrSingle(valueSchema(c.getComponentType()));
            }
            if (c.isRecord()) {
                String name = "record." + c.getName();
                if (!defs.has(name)) {
                    defs.putObject(name); // placeholder first: a record that contains itself must not recurse forever
                    defs.set(name, recordSchema(c));
                }
                // A record with a one-string factory (@JsonCreator) may also be written as a plain string,
                // e.g. a curriculum phase `- switchboard` for `{datasets: [switchboard]}`.
                return interpolable(ConfigRecord.of(c).acceptsString() ? anyOf(type("string"), ref(name)) : ref(name));
            }
            return JSON.objectNode(); // anything else: accept any value and let binding decide
        }

        /** A list of {@code item}, or one {@code item} (the DSL reads a single value as a one-item list), or a reference. */
        private static ObjectNode listOrSingle(ObjectNode item) {
            return anyOf(arrayOf(item), item.deepCopy(), ref(INTERPOLATION));
        }
    }

    private static ObjectNode type(String type) {
        return JSON.objectNode().put("type", type);
    }

    private static ObjectNode pattern(String regex) {
        return type("string").put("pattern", regex.startsWith("^") ? regex : "^" + regex + "$");
    }

    private static ObjectNode arrayOf(JsonNode items) {
        ObjectNode a = type("array");
        a.set("items", items);
        return a;
    }

    private static ObjectNode ref(String def) {
        return JSON.objectNode().put("$ref", "#/$defs/" + def);
    }

    private static ObjectNode anyOf(JsonNode... alternatives) {
        ObjectNode n = JSON.objectNode();
        ArrayNode any = n.putArray("anyOf");
        for (JsonNode a : alternatives) {
            any.add(a);
        }
        return n;
    }

    /** {@code schema}, or a whole-value {@code ${...}} reference. */
    private static ObjectNode interpolable(ObjectNode schema) {
        return anyOf(schema, ref(INTERPOLATION));
    }

    private static ObjectNode described(ObjectNode schema, String description) {
        schema.put("description", description);
        return schema;
    }

    private static ArrayNode array(String... values) {
        ArrayNode a = JSON.arrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }
}
