package org.babylab.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.babylab.api.ComponentKind;

/**
 * Marks a config record component whose value names another declared component.
 *
 * <p>The component must be a {@code String} (one name) or a {@code List<String>} (several). The
 * runtime checks that each name is declared in the section of {@link #value()}, suggests close
 * names when it is not, adds a DAG edge for it, and makes the referenced component available to the
 * step through {@link org.babylab.api.step.Inputs} under the same name.
 *
 * <p>A reference of kind {@link ComponentKind#MODEL} also accepts the name of a training stage:
 * a stage's output is a model.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Ref {
    /** The kind of component the name refers to. */
    ComponentKind value();
}
