package org.babylab.runtime.internal.dsl;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.NotKeyed;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;

/**
 * One component of a {@link ConfigRecord}: how it is written in YAML and what its annotations say.
 *
 * @param javaName the component's Java name, e.g. {@code trainOn}
 * @param yamlKey its YAML key, e.g. {@code train_on}
 * @param genericType its declared type, e.g. {@code List<PhaseConfig>}; nested records are described
 *     by {@link ConfigRecord#of} on their own class
 * @param doc its {@code @Doc}, or null
 * @param ref the kind of component it names when annotated {@code @Ref}, else null
 * @param required annotated {@code @Required}
 * @param notKeyed annotated {@code @NotKeyed}: left out of step keys
 * @param allowedValues for a String component whose record declares {@code <javaName>Values()}, those values; else empty
 * @param accessor the record's accessor, for reading a bound config
 */
public record ConfigComponent(
        String javaName,
        String yamlKey,
        Type genericType,
        String doc,
        ComponentKind ref,
        boolean required,
        boolean notKeyed,
        List<String> allowedValues,
        Method accessor) {
    public ConfigComponent {
        allowedValues = List.copyOf(allowedValues);
    }

    static ConfigComponent of(RecordComponent rc, List<String> allowedValues) {
        Doc doc = rc.getAnnotation(Doc.class);
        Ref ref = rc.getAnnotation(Ref.class);
        return new ConfigComponent(
                rc.getName(),
                ConfigMapper.yamlKey(rc),
                rc.getGenericType(),
                doc == null ? null : doc.value(),
                ref == null ? null : ref.value(),
                rc.isAnnotationPresent(Required.class),
                rc.isAnnotationPresent(NotKeyed.class),
                allowedValues,
                rc.getAccessor());
    }

    /** The raw class of {@link #genericType()}. */
    public Class<?> rawType() {
        return accessor.getReturnType();
    }

    /** True for a {@code @Ref} component of a type that can hold names: a String or a {@code List<String>}. */
    public boolean refTypeHoldsNames() {
        Type t = genericType;
        return t == String.class
                || t instanceof ParameterizedType p
                        && p.getRawType() == List.class
                        && p.getActualTypeArguments()[0] == String.class;
    }

    /**
     * Reads this component of a bound config.
     *
     * @throws IllegalStateException when the accessor cannot be called or throws
     */
    public Object read(Record bound) {
        try {
            accessor.setAccessible(true);
            return accessor.invoke(bound);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot read component " + javaName + " of "
                            + bound.getClass().getName(),
                    e);
        }
    }
}
