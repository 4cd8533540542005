package org.babylab.plugins.instruct.curriculum;

import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.spi.CurriculumFactory;
import org.babylab.api.step.ComponentContext;

/** {@code type: merged}: one phase mixing every dataset. Stateless and thread-safe. */
public final class MergedCurriculumFactory implements CurriculumFactory<MergedConfig> {

    @Override
    public String type() {
        return "merged";
    }

    @Override
    public Class<MergedConfig> configType() {
        return MergedConfig.class;
    }

    @Override
    public String description() {
        return "One shuffled mixture of the datasets, optionally in given proportions.";
    }

    @Override
    public Curriculum create(MergedConfig config, ComponentContext context) {
        return new MergedCurriculum(config);
    }
}
