package org.babylab.api.spi;

import org.babylab.api.ComponentKind;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.step.ComponentContext;

/** Makes curricula: schedules saying which examples a training stage sees, in which order. */
public interface CurriculumFactory<C extends Record> extends ComponentFactory<C> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.CURRICULUM;
    }

    Curriculum create(C config, ComponentContext context) throws Exception;
}
