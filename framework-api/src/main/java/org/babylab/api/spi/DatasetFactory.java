package org.babylab.api.spi;

import org.babylab.api.ComponentKind;
import org.babylab.api.data.Dataset;
import org.babylab.api.step.ComponentContext;

/**
 * Makes {@link Dataset}s. A dataset is a source, not a computed step: {@link #create} must be cheap
 * and must not read the whole of the data; the content is read lazily by whoever consumes it.
 */
public interface DatasetFactory<C extends Record> extends ComponentFactory<C> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.DATASET;
    }

    /**
     * Opens the dataset described by {@code config}.
     *
     * @throws java.io.IOException if the declared files cannot be found or opened; the message names the path
     */
    Dataset create(C config, ComponentContext context) throws Exception;
}
