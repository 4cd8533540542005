package org.babylab.runtime.internal.dsl;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.babylab.api.config.Doc;
import org.babylab.runtime.internal.registry.PluginCalls;

/**
 * The one description of a plugin config record that the binder ({@link ComponentBinder}), the
 * plugin checker ({@code PluginChecker}), the planner ({@code KeyDocuments}: {@code @NotKeyed}) and
 * the schema generator ({@code SchemaGenerator}) all read, so that the keys the schema lists, the
 * keys the binder accepts and the components the checker checks cannot drift apart. Made once per
 * class by {@link #of(Class)} and cached on the class itself.
 *
 * @param type the record class
 * @param doc its {@code @Doc}, or null
 * @param components its components in declaration order, which is the YAML key order everywhere
 * @param acceptsString whether a plain string may stand for the whole record (a static one-String
 *     {@code @JsonCreator} factory, e.g. a curriculum phase {@code - switchboard})
 */
public record ConfigRecord(Class<?> type, String doc, List<ConfigComponent> components, boolean acceptsString) {
    /**
     * Cached per class rather than in a map: a value lives as long as its class, so a plugin's class
     * loader is never kept alive by this cache, and each record is reflected over once per process.
     */
    private static final ClassValue<ConfigRecord> CACHE = new ClassValue<>() {
        @Override
        protected ConfigRecord computeValue(Class<?> type) {
            return describe(type);
        }
    };

    public ConfigRecord {
        components = List.copyOf(components);
    }

    /**
     * The description of {@code type}, made on first use.
     *
     * @throws IllegalArgumentException when {@code type} is not a record class
     * @throws IllegalStateException when a {@code <component>Values()} method of the record fails
     */
    public static ConfigRecord of(Class<?> type) {
        if (type == null || !type.isRecord()) {
            throw new IllegalArgumentException((type == null ? "null" : type.getName()) + " is not a record class");
        }
        return CACHE.get(type);
    }

    /** The YAML keys, in component order. */
    public List<String> yamlKeys() {
        return components.stream().map(ConfigComponent::yamlKey).toList();
    }

    /** The component written {@code yamlKey} in YAML. */
    public Optional<ConfigComponent> component(String yamlKey) {
        return components.stream().filter(c -> c.yamlKey().equals(yamlKey)).findFirst();
    }

    /** The YAML keys of the {@code @NotKeyed} components: left out of step keys. */
    public List<String> notKeyedKeys() {
        return components.stream()
                .filter(ConfigComponent::notKeyed)
                .map(ConfigComponent::yamlKey)
                .toList();
    }

    private static ConfigRecord describe(Class<?> type) {
        List<ConfigComponent> components = new ArrayList<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            components.add(ConfigComponent.of(rc, allowedValues(type, rc)));
        }
        Doc doc = type.getAnnotation(Doc.class);
        return new ConfigRecord(type, doc == null ? null : doc.value(), components, acceptsString(type));
    }

    /** The values of {@code <component>Values()} when the record declares it for a String component; else none. */
    private static List<String> allowedValues(Class<?> record, RecordComponent rc) {
        if (rc.getType() != String.class) {
            return List.of();
        }
        try {
            Method m = record.getMethod(rc.getName() + "Values");
            if (!Modifier.isStatic(m.getModifiers())
                    || !java.util.Collection.class.isAssignableFrom(m.getReturnType())) {
                return List.of();
            }
            // A record in a non-public class (as Jackson binds it too) is still read.
            m.setAccessible(true);
            // Plugin code: it runs under the plugin's loader, like every call into a plugin.
            return PluginCalls.withContextLoader(record.getClassLoader(), () -> {
                List<String> out = new ArrayList<>();
                for (Object o : (java.util.Collection<?>) m.invoke(null)) {
                    out.add(String.valueOf(o));
                }
                return List.copyOf(out);
            });
        } catch (NoSuchMethodException e) {
            return List.of();
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null
                    ? ite.getCause()
                    : e;
            throw new IllegalStateException(record.getName() + "." + rc.getName() + "Values() failed: " + cause, e);
        }
    }

    private static boolean acceptsString(Class<?> record) {
        for (Method m : record.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers())
                    && m.getReturnType() == record
                    && m.getParameterCount() == 1
                    && m.getParameterTypes()[0] == String.class
                    && m.isAnnotationPresent(JsonCreator.class)) {
                return true;
            }
        }
        return false;
    }
}
