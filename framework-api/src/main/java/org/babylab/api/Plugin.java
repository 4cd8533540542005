package org.babylab.api;

import java.util.List;
import org.babylab.api.spi.ChatTemplateFactory;
import org.babylab.api.spi.CurriculumFactory;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.spi.RewardFactory;
import org.babylab.api.spi.TokenizerFactory;
import org.babylab.api.spi.TrainingStageFactory;

/**
 * A plugin: a small bag of factories, found through {@link java.util.ServiceLoader}.
 *
 * <p>A plugin jar lists its implementation in
 * {@code META-INF/services/org.babylab.api.Plugin}. Every getter has an empty default, so a plugin
 * overrides only the kinds it provides, and kinds added to later API versions break nobody.
 *
 * <p>Implementations must have a public no-argument constructor, must be cheap to construct (no
 * I/O), and must return the same factories on every call. The runtime calls them from one thread at
 * load time.
 */
public interface Plugin {

    /** A stable, human-readable name for listings and error messages, e.g. {@code "babylab-core"}. */
    String name();

    /**
     * The API version this plugin was compiled against. Implement it as
     * {@code return BabyLabApi.VERSION;}: the compiler inlines the constant, so the class file
     * records the version of the API jar it was built with.
     */
    String apiVersion();

    /** The plugin's own version, recorded in provenance. Defaults to {@code "0"}. */
    default String version() {
        return "0";
    }

    default List<DatasetFactory<?>> datasets() {
        return List.of();
    }

    default List<TokenizerFactory<?>> tokenizers() {
        return List.of();
    }

    default List<ModelFactory<?>> models() {
        return List.of();
    }

    default List<CurriculumFactory<?>> curricula() {
        return List.of();
    }

    default List<ChatTemplateFactory<?>> chatTemplates() {
        return List.of();
    }

    /** Reward functions ({@code rewards:} in YAML). Added in API 0.3. */
    default List<RewardFactory<?>> rewards() {
        return List.of();
    }

    default List<TrainingStageFactory<?>> stages() {
        return List.of();
    }

    default List<EvaluatorFactory<?>> evaluators() {
        return List.of();
    }
}
