package org.babylab.runtime.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.babylab.runtime.PluginRegistry;
import org.babylab.runtime.dsl.DslTestPlugin;
import org.babylab.runtime.internal.dsl.ExperimentLoader;
import org.babylab.runtime.internal.schema.SchemaGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaGeneratorTest {
    static ObjectNode schema;

    @BeforeAll
    static void generate() {
        try (PluginRegistry registry =
                PluginRegistry.builder().register(new DslTestPlugin()).build()) {
            schema = SchemaGenerator.generate(registry);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void the_schema_is_valid_json_of_draft_2020_12_and_covers_every_top_level_key() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(schema);
        assertEquals(schema, mapper.readTree(text));
        assertEquals(
                "https://json-schema.org/draft/2020-12/schema",
                schema.get("$schema").asText());
        assertEquals(ExperimentLoader.TOP_LEVEL_KEYS, fieldNames(schema.get("properties")));
        assertFalse(schema.get("additionalProperties").asBoolean());
    }

    @Test
    void each_registered_config_becomes_a_closed_object_with_snake_case_keys_required_keys_and_docs() {
        JsonNode ngram = schema.at("/$defs/model.test-ngram");
        assertEquals(
                List.of("type", "order", "train_on", "discount", "seed"),
                fieldNames(ngram.get("properties")),
                "seed: the component's own seed, which the DSL binds for every factory that uses one");
        assertEquals("integer", ngram.at("/properties/seed/anyOf/0/type").asText());
        assertEquals(List.of("type", "train_on"), texts(ngram.get("required")));
        assertFalse(ngram.get("additionalProperties").asBoolean());
        assertEquals("test-ngram", ngram.at("/properties/type/const").asText());
        assertEquals(
                "the dataset to count (names a declared dataset)",
                ngram.at("/properties/train_on/description").asText());
        assertEquals("string", ngram.at("/properties/train_on/type").asText());
        assertEquals("integer", ngram.at("/properties/order/anyOf/0/type").asText());
        assertEquals(
                "#/$defs/interpolation",
                ngram.at("/properties/order/anyOf/1/$ref").asText());
        assertEquals("number", ngram.at("/properties/discount/anyOf/0/type").asText());
    }

    @Test
    void enums_lists_maps_paths_and_nested_records_map_to_their_json_types() {
        JsonNode pairs = schema.at("/$defs/evaluator.test-pairs/properties");
        // Lower-case first (what the docs write), then the constants: the DSL reads enums case-insensitively.
        assertEquals(List.of("wrong", "half", "WRONG", "HALF"), texts(pairs.at("/ties/enum")));
        assertEquals(
                "string", pairs.at("/labels/anyOf/0/additionalProperties/type").asText());
        JsonNode text = schema.at("/$defs/dataset.test-text/properties");
        assertEquals("string", text.at("/paths/anyOf/0/items/type").asText());
        assertEquals(List.of("text", "jsonl", "TEXT", "JSONL"), texts(text.at("/format/enum")));
        JsonNode finetune = schema.at("/$defs/stage.test-finetune/properties");
        assertEquals("string", finetune.at("/export_to/type").asText());
        String scheduleRef = finetune.at("/schedule/anyOf/0/$ref").asText();
        assertEquals("#/$defs/record." + DslTestPlugin.Schedule.class.getName(), scheduleRef);
        JsonNode schedule = schema.at(scheduleRef.substring(1));
        assertEquals(List.of("linear", "cosine", "LINEAR", "COSINE"), texts(schedule.at("/properties/decay/enum")));
        assertFalse(schedule.get("additionalProperties").asBoolean());
    }

    @Test
    void each_section_selects_the_config_schema_by_type_id() {
        assertEquals(
                "#/$defs/model",
                schema.at("/properties/models/additionalProperties/$ref").asText());
        assertEquals(
                "#/$defs/evaluator",
                schema.at("/properties/evaluate/properties/with/additionalProperties/$ref")
                        .asText());
        JsonNode model = schema.at("/$defs/model");
        assertEquals(List.of("test-ngram"), texts(model.at("/properties/type/enum")));
        JsonNode rule = model.at("/allOf/0");
        assertEquals("test-ngram", rule.at("/if/properties/type/const").asText());
        assertEquals("#/$defs/model.test-ngram", rule.at("/then/$ref").asText());
        assertTrue(schema.at("/$defs/tokenizer/properties/type/enum").isEmpty(), "no tokenizer types are registered");
    }
}
