package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Every experiment file that ships in experiments/ validates against the JSON Schema that
 * {@code babylab schema} writes, checked by an independent draft 2020-12 validator (networknt), so
 * the schema editors use never rejects a file the DSL accepts.
 */
class ShippedExperimentsSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonSchema schema(Path dir) throws Exception {
        Path file = dir.resolve("babylab.schema.json");
        CliRun run = CliRun.of("schema", "-o", file.toString());
        assertEquals(0, run.exitCode(), run.transcript());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(file.toFile()));
    }

    @Test
    void every_shipped_experiment_validates_against_the_generated_schema(@TempDir Path dir) throws Exception {
        JsonSchema schema = schema(dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(CliRun.projectDir().resolve("experiments"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 5, files.toString());
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            Set<ValidationMessage> errors = schema.validate(yamlAsJson(f));
            errors.forEach(e -> failures.add(f.getFileName() + ": " + e.getMessage()));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void a_misspelt_key_or_preset_is_rejected_by_the_schema(@TempDir Path dir) throws Exception {
        JsonSchema schema = schema(dir);
        JsonNode quickstart = yamlAsJson(CliRun.projectDir().resolve("experiments/quickstart.yaml"));
        ObjectNode badPreset = quickstart.deepCopy();
        ((ObjectNode) badPreset.get("models").get("tiny")).put("preset", "llama-huge");
        assertFalse(schema.validate(badPreset).isEmpty(), "an unknown preset is not in the enum");
        ObjectNode badKey = quickstart.deepCopy();
        ((ObjectNode) badKey.get("models").get("trigram")).put("ordr", 3);
        assertFalse(schema.validate(badKey).isEmpty(), "an unknown key is rejected");
    }

    /**
     * The file as JSON the way the DSL reads it: mapping keys are their text (so the key {@code on}
     * stays "on", which a YAML 1.1 reader would make true), values typed by YAML's implicit rules.
     */
    static JsonNode yamlAsJson(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            LoaderOptions options = new LoaderOptions();
            Node root = new Composer(new ParserImpl(new StreamReader(in), options), new Resolver(), options)
                    .getSingleNode();
            return convert(root);
        }
    }

    private static JsonNode convert(Node node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof MappingNode m) {
            ObjectNode o = f.objectNode();
            for (NodeTuple t : m.getValue()) {
                o.set(((ScalarNode) t.getKeyNode()).getValue(), convert(t.getValueNode()));
            }
            return o;
        }
        if (node instanceof SequenceNode s) {
            ArrayNode a = f.arrayNode();
            s.getValue().forEach(n -> a.add(convert(n)));
            return a;
        }
        Object v = Scalars.INSTANCE.value((ScalarNode) node);
        return JSON.valueToTree(v);
    }

    /** SnakeYAML's own construction of a standard scalar (ints, floats, booleans, null, strings). */
    private static final class Scalars extends SafeConstructor {
        static final Scalars INSTANCE = new Scalars();

        private Scalars() {
            super(new LoaderOptions());
        }

        synchronized Object value(ScalarNode n) {
            return constructObject(n);
        }
    }
}
