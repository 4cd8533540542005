package org.babylab.runtime.internal.exec;

import java.util.Optional;
import org.babylab.api.ComponentKind;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.model.ComponentDecl;

/**
 * Looks up the factory of a declaration with the type the caller needs. The config record was bound
 * by the DSL to exactly the factory's {@code configType()}, which is what makes the unchecked calls
 * in the executor sound.
 */
final class FactoryLookup {
    private FactoryLookup() {}

    static <F extends ComponentFactory<?>> F of(ComponentCatalog catalog, ComponentDecl decl, Class<F> type) {
        return of(catalog, decl.kind(), decl.type(), type);
    }

    static <F extends ComponentFactory<?>> F of(
            ComponentCatalog catalog, ComponentKind kind, String typeId, Class<F> type) {
        Optional<ComponentFactory<?>> f = catalog.factory(kind, typeId);
        if (f.isEmpty()) {
            throw new IllegalStateException(
                    "no " + kind.singular() + " type '" + typeId + "' is installed; known: " + catalog.types(kind));
        }
        if (!type.isInstance(f.get())) {
            throw new IllegalStateException(kind.singular() + " type '" + typeId + "' is a "
                    + f.get().getClass().getName() + ", not a " + type.getSimpleName());
        }
        return type.cast(f.get());
    }
}
