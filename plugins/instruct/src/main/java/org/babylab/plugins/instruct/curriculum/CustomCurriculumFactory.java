package org.babylab.plugins.instruct.curriculum;

import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.spi.CurriculumFactory;
import org.babylab.api.step.ComponentContext;

/** {@code type: custom}: one phase whose mix follows a linear or interleave schedule. Stateless and thread-safe. */
public final class CustomCurriculumFactory implements CurriculumFactory<CustomConfig> {

    @Override
    public String type() {
        return "custom";
    }

    @Override
    public Class<CustomConfig> configType() {
        return CustomConfig.class;
    }

    @Override
    public String description() {
        return "One phase whose dataset mix follows a schedule: linear from one dataset to another, or an interleave ratio.";
    }

    @Override
    public Curriculum create(CustomConfig config, ComponentContext context) {
        return new CustomCurriculum(config);
    }
}
