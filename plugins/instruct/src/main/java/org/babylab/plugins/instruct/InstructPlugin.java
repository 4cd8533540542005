package org.babylab.plugins.instruct;

import java.util.List;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.spi.ChatTemplateFactory;
import org.babylab.api.spi.CurriculumFactory;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.plugins.instruct.chat.RoleTokensFactory;
import org.babylab.plugins.instruct.curriculum.CustomCurriculumFactory;
import org.babylab.plugins.instruct.curriculum.MergedCurriculumFactory;
import org.babylab.plugins.instruct.curriculum.SequentialCurriculumFactory;
import org.babylab.plugins.instruct.data.InstructionsFactory;

/**
 * The instruct plugin, {@code babylab-instruct}: the {@code instructions} dataset, the
 * {@code role-tokens} chat template and the {@code merged}, {@code sequential} and {@code custom}
 * curricula. Stateless; its factories are shared singletons.
 */
public final class InstructPlugin implements Plugin {
    private static final List<DatasetFactory<?>> DATASETS = List.of(new InstructionsFactory());
    private static final List<ChatTemplateFactory<?>> TEMPLATES = List.of(new RoleTokensFactory());
    private static final List<CurriculumFactory<?>> CURRICULA =
            List.of(new MergedCurriculumFactory(), new SequentialCurriculumFactory(), new CustomCurriculumFactory());

    @Override
    public String name() {
        return "babylab-instruct";
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
    public List<ChatTemplateFactory<?>> chatTemplates() {
        return TEMPLATES;
    }

    @Override
    public List<CurriculumFactory<?>> curricula() {
        return CURRICULA;
    }
}
