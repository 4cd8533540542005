package org.babylab.plugins.instruct.curriculum;

import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.spi.CurriculumFactory;
import org.babylab.api.step.ComponentContext;

/** {@code type: sequential}: phases in order, each its own step. Stateless and thread-safe. */
public final class SequentialCurriculumFactory implements CurriculumFactory<SequentialConfig> {

    @Override
    public String type() {
        return "sequential";
    }

    @Override
    public Class<SequentialConfig> configType() {
        return SequentialConfig.class;
    }

    @Override
    public String description() {
        return "Phases in order (e.g. switchboard then wiki), each its own step with its own epochs.";
    }

    @Override
    public Curriculum create(SequentialConfig config, ComponentContext context) {
        return new SequentialCurriculum(config);
    }
}
