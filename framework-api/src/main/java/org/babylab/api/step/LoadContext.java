package org.babylab.api.step;

/**
 * What a factory may know when it loads a saved component back: the device it should place the
 * component on.
 */
public interface LoadContext {

    /** The device lease of the step that loads the component; CPU-only when it holds no GPU. */
    DeviceLease device();
}
