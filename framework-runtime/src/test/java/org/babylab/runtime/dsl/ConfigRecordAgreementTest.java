package org.babylab.runtime.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.PluginRegistry;
import org.babylab.runtime.Problem;
import org.babylab.runtime.internal.dsl.ConfigComponent;
import org.babylab.runtime.internal.dsl.ConfigRecord;
import org.babylab.runtime.internal.schema.SchemaGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binder, the schema generator and the plugin checker read one {@link ConfigRecord} per config
 * class: for every registered component type, the keys the schema lists are exactly the keys the
 * binder accepts (as its "unknown key" error names them), in the same order, with the same required
 * keys.
 */
class ConfigRecordAgreementTest {
    private static final String UNKNOWN = "zz_not_a_key";

    @TempDir
    Path dir;

    @Test
    void a_record_is_described_once_and_the_description_is_shared() {
        ConfigRecord first = ConfigRecord.of(DslTestPlugin.NgramConfig.class);
        assertSame(first, ConfigRecord.of(DslTestPlugin.NgramConfig.class));
        assertEquals(List.of("order", "train_on", "discount"), first.yamlKeys());
        ConfigComponent trainOn = first.component("train_on").orElseThrow();
        assertEquals("trainOn", trainOn.javaName());
        assertEquals(ComponentKind.DATASET, trainOn.ref());
        assertEquals("the dataset to count", trainOn.doc());
        assertEquals(true, trainOn.required());
        assertThrows(IllegalArgumentException.class, () -> ConfigRecord.of(String.class));
    }

    @Test
    void for_every_registered_type_the_schema_lists_exactly_the_keys_the_binder_accepts() throws Exception {
        ExperimentFiles files = new ExperimentFiles(dir, Map.of());
        try (PluginRegistry registry =
                PluginRegistry.builder().register(new DslTestPlugin()).build()) {
            assertEquals(List.of(), registry.problems(), "the checker accepts every test config");
            ObjectNode schema = SchemaGenerator.generate(registry);
            int checked = 0;
            for (ComponentKind kind : ComponentKind.values()) {
                for (String id : registry.types(kind)) {
                    ComponentFactory<?> factory = registry.factory(kind, id).orElseThrow();
                    ConfigRecord description = ConfigRecord.of(factory.configType());
                    JsonNode def = schema.at("/$defs/" + kind.singular() + "." + id);
                    List<String> schemaKeys = fieldNames(def.get("properties"));
                    schemaKeys.remove("type");
                    if (factory.usesSeed() && !description.yamlKeys().contains("seed")) {
                        schemaKeys.remove("seed"); // the component's own seed: the DSL's, not the record's
                    }
                    List<String> bindable = keysTheBinderAccepts(files, kind, id);
                    assertEquals(description.yamlKeys(), schemaKeys, kind + " " + id + ": schema properties");
                    assertEquals(description.yamlKeys(), bindable, kind + " " + id + ": keys the binder accepts");
                    List<String> required = texts(def.get("required"));
                    required.remove("type");
                    assertEquals(
                            description.components().stream()
                                    .filter(ConfigComponent::required)
                                    .map(ConfigComponent::yamlKey)
                                    .toList(),
                            required,
                            kind + " " + id + ": required keys");
                    checked++;
                }
            }
            assertFalse(checked < 5, "the test plugin registers several types; checked " + checked);
        }
    }

    /** The valid keys the binder names when it rejects an unknown key of component type {@code id}. */
    private List<String> keysTheBinderAccepts(ExperimentFiles files, ComponentKind kind, String id) throws Exception {
        String component = "x: {type: " + id + ", " + UNKNOWN + ": 1}";
        String yaml = "experiment: agree\n"
                + (kind == ComponentKind.EVALUATOR
                        ? "evaluate:\n  on: []\n  with:\n    " + component + "\n"
                        : kind.section() + ":\n  " + component + "\n");
        Path file = files.write(kind.singular() + "-" + id + ".yaml", yaml);
        ExperimentException e = files.fails(file);
        Problem unknown = ExperimentFiles.problem(e, "unknown key '" + UNKNOWN + "'");
        String hint = unknown.hint();
        String list = hint.substring(hint.indexOf("valid keys: ") + "valid keys: ".length());
        return list.equals("(none)") ? List.of() : List.of(list.split(", "));
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
