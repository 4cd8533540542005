package org.babylab.plugins.core;

import java.util.List;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.plugins.core.ngram.NgramFactory;
import org.babylab.plugins.core.text.TextDatasetFactory;

/**
 * The core plugin, {@code babylab-core}: the {@code text} dataset and the {@code ngram} model, enough
 * to run the quickstart without any other plugin. Stateless; its factories are shared singletons.
 */
public final class CorePlugin implements Plugin {
    private static final List<DatasetFactory<?>> DATASETS = List.of(new TextDatasetFactory());
    private static final List<ModelFactory<?>> MODELS = List.of(new NgramFactory());

    @Override
    public String name() {
        return "babylab-core";
    }

    @Override
    public String apiVersion() {
        return BabyLabApi.VERSION;
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public List<DatasetFactory<?>> datasets() {
        return DATASETS;
    }

    @Override
    public List<ModelFactory<?>> models() {
        return MODELS;
    }
}
