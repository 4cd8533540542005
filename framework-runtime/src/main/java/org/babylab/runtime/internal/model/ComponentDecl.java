package org.babylab.runtime.internal.model;

import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.SourceLocation;

/**
 * One declared component of one trial, fully resolved: includes merged, {@code ${...}} and sweep
 * values substituted, command-line overrides applied, bound to the factory's config record and
 * checked.
 *
 * @param kind the component's kind (its YAML section)
 * @param name its name within the section (for evaluators: the key under {@code evaluate.with})
 * @param type the {@code type:} id of its factory
 * @param config the bound config record instance
 * @param canonicalConfig the resolved config as a JSON-like tree (Map/List/String/Number/Boolean/null)
 *     with defaults from the bound record, without {@code type}; the planner hashes its canonical
 *     JSON (sorted keys) into the step key
 * @param references the {@code @Ref} names in the config, in declaration order
 * @param location where the component's mapping starts
 * @param seed the component's own {@code seed:} (which wins over the trial's seed), or null to use
 *     the trial's; only for components whose config record has no {@code seed} of its own
 */
public record ComponentDecl(
        ComponentKind kind,
        String name,
        String type,
        Record config,
        Map<String, Object> canonicalConfig,
        List<Reference> references,
        SourceLocation location,
        Long seed) {
    public ComponentDecl {
        if (kind == null
                || name == null
                || type == null
                || config == null
                || canonicalConfig == null
                || location == null) {
            throw new IllegalArgumentException("kind, name, type, config, canonicalConfig and location are required");
        }
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** A declaration without a seed of its own: it uses the trial's. */
    public ComponentDecl(
            ComponentKind kind,
            String name,
            String type,
            Record config,
            Map<String, Object> canonicalConfig,
            List<Reference> references,
            SourceLocation location) {
        this(kind, name, type, config, canonicalConfig, references, location, null);
    }

    /** {@code kind:name}, e.g. {@code model:ngram3}. */
    public String id() {
        return kind.singular() + ":" + name;
    }
}
