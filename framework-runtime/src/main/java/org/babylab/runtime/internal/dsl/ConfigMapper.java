package org.babylab.runtime.internal.dsl;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;

/**
 * The one Jackson configuration that binds YAML config mappings to plugin config records, and
 * turns bound records back into canonical trees: snake_case keys, unknown keys and nulls for
 * primitives are errors, numbers are not taken for enums, floats are not truncated to integers,
 * quoted text is not coerced to numbers or booleans, and no default typing (a class name is never
 * taken from input: factories are found by type id through the plugin registry). Enum values are
 * case-insensitive and a lone value binds to a one-element list. {@link Path}s
 * serialise as their plain text, not as {@code file:} URIs, so canonical configs read like the YAML.
 *
 * <p>The returned mapper is thread-safe once configured, like every Jackson mapper.
 */
final class ConfigMapper {
    private static final PropertyNamingStrategies.NamingBase NAMING =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private ConfigMapper() {}

    /** A new mapper with the DSL's binding rules. */
    public static ObjectMapper create() {
        SimpleModule paths = new SimpleModule("babylab-paths");
        paths.addSerializer(Path.class, ToStringSerializer.instance);
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                // DSL rules every plugin gets without Jackson annotations of its own (a plugin loaded
                // from a jar cannot see Jackson): enum values are case-insensitive (`schedule: cosine`),
                // and a single value where a list is expected is a one-element list (`paths: a.txt`).
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(paths)
                .build();
    }

    /** The YAML key of a Java component name: {@code trainOn} -> {@code train_on}. */
    public static String yamlKey(String javaName) {
        return NAMING.translate(javaName);
    }

    /** The YAML key of a record component. */
    public static String yamlKey(RecordComponent component) {
        return yamlKey(component.getName());
    }
}
