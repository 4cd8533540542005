package org.babylab.runtime.internal.dsl;

import java.util.LinkedHashMap;
import org.babylab.api.ComponentKind;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.SourceLocation;
import org.babylab.runtime.internal.model.ComponentDecl;

/**
 * Binds the YAML mapping of one component, written without its {@code type:}, to a factory's config
 * record with the DSL's own binder: the same key spelling, defaults, required keys, type coercion
 * and compact-constructor messages as in an experiment file. The plugin test kit uses it so that a
 * plugin's tests bind configs exactly as users' files will. No interpolation: {@code ${...}} stays
 * literal.
 */
public final class ConfigSnippets {
    private ConfigSnippets() {}

    /**
     * Binds {@code yaml} (a block or flow mapping, possibly empty) to {@code factory}'s config.
     *
     * @param catalog a catalog in which {@code factory} is registered under its kind and type
     * @param name the component's name, as in {@code evaluate.with.<name>}, for messages
     * @param displayName what locations call the snippet, e.g. {@code "lexdec.yaml"}
     * @return the declaration: bound config, canonical config, references
     * @throws ExperimentException with every problem, each at {@code displayName:line:col} of the snippet
     */
    public static ComponentDecl bind(
            ComponentCatalog catalog, ComponentFactory<?> factory, String name, String yaml, String displayName) {
        Problems problems = new Problems();
        SourceLocation start = new SourceLocation(displayName, 1, 1);
        YamlNode node = yaml.isBlank()
                ? null
                : new YamlReader(problems)
                        .readText(yaml, (l, c) -> new SourceLocation(displayName, l + 1, c + 1), start);
        problems.throwIfErrors();
        YamlMap map;
        if (node == null || node instanceof YamlScalar s && s.value() == null) {
            map = new YamlMap(new LinkedHashMap<>(), start);
        } else if (node instanceof YamlMap m) {
            map = m;
        } else {
            throw new ExperimentException(java.util.List.of(org.babylab.runtime.Problem.error(
                    node.location(),
                    "the config of " + factory.kind().singular() + " '" + name
                            + "' must be a mapping of keys to values, not " + node.describe(),
                    "")));
        }
        if (map.entry(ComponentBinder.TYPE) == null) {
            map = map.with(ComponentBinder.TYPE, start, YamlReader.plainScalar(factory.type(), start));
        }
        ComponentKind kind = factory.kind();
        ComponentDecl decl = new ComponentBinder(catalog, problems).bind(kind, new YamlMap.Entry(name, start, map));
        problems.throwIfErrors();
        return decl;
    }
}
