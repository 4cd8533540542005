package org.babylab.testkit;

import java.util.List;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.spi.ChatTemplateFactory;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.spi.CurriculumFactory;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.spi.ModelFactory;
import org.babylab.api.spi.RewardFactory;
import org.babylab.api.spi.TokenizerFactory;
import org.babylab.api.spi.TrainingStageFactory;

/** A plugin holding one factory under its kind, so a factory can be put into a registry on its own. */
final class SingleFactoryPlugin implements Plugin {
    private final ComponentFactory<?> factory;

    SingleFactoryPlugin(ComponentFactory<?> factory) {
        this.factory = factory;
    }

    @Override
    public String name() {
        return "factory " + factory.getClass().getName();
    }

    @Override
    public String apiVersion() {
        return BabyLabApi.VERSION;
    }

    @Override
    public List<DatasetFactory<?>> datasets() {
        return only(DatasetFactory.class);
    }

    @Override
    public List<TokenizerFactory<?>> tokenizers() {
        return only(TokenizerFactory.class);
    }

    @Override
    public List<ModelFactory<?>> models() {
        return only(ModelFactory.class);
    }

    @Override
    public List<CurriculumFactory<?>> curricula() {
        return only(CurriculumFactory.class);
    }

    @Override
    public List<ChatTemplateFactory<?>> chatTemplates() {
        return only(ChatTemplateFactory.class);
    }

    @Override
    public List<RewardFactory<?>> rewards() {
        return only(RewardFactory.class);
    }

    @Override
    public List<TrainingStageFactory<?>> stages() {
        return only(TrainingStageFactory.class);
    }

    @Override
    public List<EvaluatorFactory<?>> evaluators() {
        return only(EvaluatorFactory.class);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <F> List<F> only(Class<? super F> type) {
        return type.isInstance(factory) ? (List) List.of(factory) : List.of();
    }
}
