package org.babylab.runtime.internal.plan;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.babylab.api.ComponentKind;
import org.babylab.api.data.Dataset;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.spi.CurriculumFactory;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.api.step.PlanInputs;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.registry.PluginCalls;
import org.babylab.runtime.internal.store.Store;

/**
 * Sources opened while planning: datasets and curricula instantiated with the seed they get at run
 * time, record and word counts (counted once per fingerprint and cached in the store), and the
 * {@link PlanInputs} a stage factory inspects at plan time.
 */
final class PlanTimeSources {
    private final ComponentCatalog catalog;
    private final Store store;
    private final PlanningState state;

    PlanTimeSources(ComponentCatalog catalog, Store store, PlanningState state) {
        this.catalog = catalog;
        this.store = store;
        this.state = state;
    }

    /** Instantiates a source (dataset or curriculum) at plan time, with the same seed it gets at run time. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    <T> T create(PlannedSource source, Class<? extends ComponentFactory> type) throws Exception {
        ComponentFactory<?> f =
                catalog.factory(source.decl().kind(), source.decl().type()).orElseThrow();
        long seed = Planner.seedOf(
                state.def.seed(), source.decl().kind(), source.decl().name());
        ComponentContext context = new ComponentContext() {
            @Override
            public Path baseDir() {
                return state.def.baseDir();
            }

            @Override
            public long seed() {
                return seed;
            }

            @Override
            public void log(String message) {}
        };
        if (f instanceof CurriculumFactory cf && type == CurriculumFactory.class) {
            return (T) PluginCalls.withContextLoader(
                    cf, () -> cf.create(source.decl().config(), context));
        }
        if (f instanceof DatasetFactory df && type == DatasetFactory.class) {
            return (T) PluginCalls.withContextLoader(
                    df, () -> df.create(source.decl().config(), context));
        }
        throw new IllegalStateException(
                source.decl().id() + " is made by " + f.getClass().getName() + ", not a " + type.getSimpleName());
    }

    /** The number of records of a dataset source, counted once per fingerprint (cached in the store); null after reporting a problem. */
    Integer recordCount(PlannedSource dataset) {
        try {
            long n = store.recordCounts().count(dataset.fingerprint(), () -> {
                Dataset ds = create(dataset, DatasetFactory.class);
                try (Stream<Map<String, Object>> records = ds.records()) {
                    return records.count();
                }
            });
            if (n > Integer.MAX_VALUE) {
                state.problem(
                        dataset.decl(),
                        dataset.decl().id() + " has " + n + " records, more than a curriculum can order",
                        "");
                return null;
            }
            return (int) n;
        } catch (Exception e) {
            state.problem(
                    dataset.decl(),
                    dataset.decl().id() + ": cannot count its records for the curriculum: " + e.getMessage(),
                    "");
            return null;
        }
    }

    /** What a stage factory may inspect at plan time: its resolved inputs. */
    PlanInputs planInputs(ComponentDecl decl, Map<String, String> inputs) {
        return new PlanInputs() {
            @Override
            public ModelFactory<?> modelFamily(String name) {
                return (ModelFactory<?>)
                        catalog.factory(ComponentKind.MODEL, family(name).type())
                                .orElseThrow();
            }

            @Override
            public Object modelConfig(String name) {
                return family(name).config();
            }

            private ComponentDecl family(String name) {
                StepDraft d = inputs.containsKey(name) ? state.drafts.get(inputs.get(name)) : null;
                if (d == null || d.family == null) {
                    throw new IllegalArgumentException(
                            "stage '" + decl.name() + "' references no model '" + name + "'");
                }
                return d.family;
            }

            @Override
            public Dataset dataset(String name) throws Exception {
                PlannedSource s = inputs.containsKey(name) ? state.sources.get(inputs.get(name)) : null;
                if (s == null || s.decl().kind() != ComponentKind.DATASET) {
                    throw new IllegalArgumentException(
                            "stage '" + decl.name() + "' references no dataset '" + name + "'");
                }
                return create(s, DatasetFactory.class);
            }

            @Override
            public long words(String name) throws Exception {
                // Counted once per dataset fingerprint (a 100M-word corpus takes seconds), like record counts.
                String fp = inputs.get(name);
                if (fp == null || !state.sources.containsKey(fp)) {
                    throw new IllegalArgumentException(
                            "stage '" + decl.name() + "' references no dataset '" + name + "'");
                }
                return store.recordCounts().count("words-" + fp, () -> PlanInputs.super.words(name));
            }
        };
    }
}
