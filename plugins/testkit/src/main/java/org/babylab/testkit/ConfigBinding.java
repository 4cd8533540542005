package org.babylab.testkit;

import java.util.stream.Collectors;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.PluginRegistry;
import org.babylab.runtime.Problem;
import org.babylab.runtime.internal.dsl.ConfigSnippets;

/**
 * Binds a YAML snippet to a factory's config record with BabyLab's own binder, exactly as the
 * mapping would be bound in an experiment file: snake_case keys, defaults from the compact
 * constructor, {@code @Required} keys, type coercion, and the same error messages with line and
 * column.
 *
 * <pre>{@code
 * LexicalDecisionFactory.Config c = ConfigBinding.bind(new LexicalDecisionFactory(), "path: items.tsv");
 * IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
 *         () -> ConfigBinding.bind(new LexicalDecisionFactory(), "pth: items.tsv"));   // "did you mean 'path'?"
 * }</pre>
 */
public final class ConfigBinding {
    private ConfigBinding() {}

    /**
     * Binds {@code yaml} (the component's mapping without {@code type:}; empty for all defaults).
     *
     * @throws IllegalArgumentException listing every problem as a user would see it, each at
     *     {@code config.yaml:line:col} of the snippet
     */
    public static <C extends Record> C bind(ComponentFactory<C> factory, String yaml) {
        try (PluginRegistry registry = PluginRegistry.builder()
                .register(new SingleFactoryPlugin(factory))
                .build()) {
            if (!registry.problems().isEmpty()) {
                throw new IllegalArgumentException(
                        "the factory breaks the registry's rules:\n" + describe(registry.problems()));
            }
            try {
                return factory.configType()
                        .cast(ConfigSnippets.bind(registry, factory, "under-test", yaml, "config.yaml")
                                .config());
            } catch (ExperimentException e) {
                throw new IllegalArgumentException(describe(e.problems()), e);
            }
        }
    }

    private static String describe(java.util.List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
