package org.babylab.runtime;

import java.util.List;
import java.util.Optional;
import org.babylab.api.ComponentKind;
import org.babylab.api.spi.ComponentFactory;

/**
 * Looks up factories by kind and type id. The plugin registry implements it; the DSL, the planner
 * and the executor depend only on this.
 *
 * <p>Added in API 0.6 (before, {@code org.babylab.runtime.ComponentCatalog}, not API).
 */
public interface ComponentCatalog {

    /** The factory of {@code kind} registered under {@code type}, if any. */
    Optional<ComponentFactory<?>> factory(ComponentKind kind, String type);

    /** The type ids registered for {@code kind}, sorted, for error messages. */
    List<String> types(ComponentKind kind);

    /**
     * Why no factory of {@code kind} is registered under {@code type} although a plugin declared one
     * (it was refused at load time), for the DSL's "unknown type" error; empty when none did.
     */
    default Optional<String> whyUnavailable(ComponentKind kind, String type) {
        return Optional.empty();
    }

    /** Where {@code factory} came from. @throws IllegalArgumentException if it is not registered here */
    PluginOrigin origin(ComponentFactory<?> factory);
}
