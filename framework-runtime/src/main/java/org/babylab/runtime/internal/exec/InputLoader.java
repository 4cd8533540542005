package org.babylab.runtime.internal.exec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.babylab.api.chat.ChatTemplate;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.data.Dataset;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.reward.Reward;
import org.babylab.api.spi.ChatTemplateFactory;
import org.babylab.api.spi.CurriculumFactory;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.spi.RewardFactory;
import org.babylab.api.spi.TokenizerFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.api.step.Inputs;
import org.babylab.api.step.LoadContext;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.PlannedSource;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.registry.PluginCalls;
import org.babylab.runtime.internal.store.Store;

/**
 * Loads what steps reference, for one run. Datasets (by fingerprint) and tokenizers (by key) are
 * immutable and shared between steps through Caffeine caches; models are loaded fresh for each step,
 * since a stage may mutate the model it starts from. Every store entry is verified against its
 * manifest once per run before it is first read, so a corrupt entry is reported, never used.
 * Thread-safe.
 */
final class InputLoader {
    private final ComponentCatalog catalog;
    private final Store store;
    private final Cache<String, Dataset> datasets =
            Caffeine.newBuilder().maximumSize(256).build();
    private final Cache<String, Tokenizer> tokenizers =
            Caffeine.newBuilder().maximumSize(64).build();
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    InputLoader(ComponentCatalog catalog, Store store) {
        this.catalog = catalog;
        this.store = store;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Dataset dataset(PlannedSource source, ComponentContext context) throws Exception {
        return get(datasets, source.fingerprint(), () -> {
            DatasetFactory f = FactoryLookup.of(catalog, source.decl(), DatasetFactory.class);
            return PluginCalls.withContextLoader(f, () -> f.create(source.decl().config(), context));
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Curriculum curriculum(PlannedSource source, ComponentContext context) throws Exception {
        CurriculumFactory f = FactoryLookup.of(catalog, source.decl(), CurriculumFactory.class);
        return PluginCalls.withContextLoader(f, () -> f.create(source.decl().config(), context));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    ChatTemplate chatTemplate(PlannedSource source, ComponentContext context) throws Exception {
        ChatTemplateFactory f = FactoryLookup.of(catalog, source.decl(), ChatTemplateFactory.class);
        return PluginCalls.withContextLoader(f, () -> f.create(source.decl().config(), context));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Reward reward(PlannedSource source, ComponentContext context, Inputs inputs) throws Exception {
        RewardFactory f = FactoryLookup.of(catalog, source.decl(), RewardFactory.class);
        return PluginCalls.withContextLoader(f, () -> f.create(source.decl().config(), context, inputs));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Tokenizer tokenizer(PlannedStep producer, LoadContext context) throws Exception {
        return get(tokenizers, producer.key(), () -> {
            Path dir = verifiedOutput(producer.key());
            TokenizerFactory f = FactoryLookup.of(catalog, producer.decl(), TokenizerFactory.class);
            return PluginCalls.withContextLoader(f, () -> f.load(producer.decl().config(), dir, context));
        });
    }

    /** A fresh instance of the model {@code producer} saved; the caller closes it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    LanguageModel model(PlannedStep producer, LoadContext context) throws Exception {
        if (producer.family() == null) {
            throw new IllegalStateException(producer.name() + " does not produce a model");
        }
        Path dir = verifiedOutput(producer.key());
        ModelFactory f = FactoryLookup.of(catalog, producer.family(), ModelFactory.class);
        return PluginCalls.withContextLoader(f, () -> f.load(producer.family().config(), dir, context));
    }

    /** A context for creating a source: its own seed, the baseDir of the experiment, the step's log. */
    static ComponentContext sourceContext(Path baseDir, long experimentSeed, PlannedSource source, StepLog log) {
        long seed = Planner.seedOf(
                experimentSeed, source.decl().kind(), source.decl().name());
        return new ComponentContext() {
            @Override
            public Path baseDir() {
                return baseDir;
            }

            @Override
            public long seed() {
                return seed;
            }

            @Override
            public void log(String message) {
                log.line(source.decl().id() + ": " + message);
            }
        };
    }

    private Path verifiedOutput(String key) throws IOException {
        if (!verified.contains(key)) {
            store.requireIntact(key);
            verified.add(key);
        }
        return store.outputDir(key);
    }

    /** A checked-exception-friendly Caffeine get: unwraps what the loader threw. */
    private static <T> T get(Cache<String, T> cache, String key, CheckedSupplier<T> loader) throws Exception {
        try {
            return cache.get(key, k -> {
                try {
                    return loader.get();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new LoaderException(e);
                }
            });
        } catch (LoaderException e) {
            throw (Exception) e.getCause();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface CheckedSupplier<T> {
        T get() throws Exception;
    }

    /** Carries a checked exception out of a Caffeine mapping function. */
    private static final class LoaderException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoaderException(Exception cause) {
            super(cause);
        }
    }
}
