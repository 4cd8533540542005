package org.babylab.plugins.llama.train;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The two pieces of PyTorch/DJL autograd state that are global, and how training shares them.
 *
 * <p>PyTorch's grad mode is per thread and ON by default, and DJL turns it off only on the thread
 * that first starts the engine; a {@code GradientCollector} restores whatever mode it found. So a
 * training step that runs on a fresh scheduler thread would do its in-place optimizer updates
 * with grad mode on and fail ("a leaf Variable that requires grad is being used in an in-place
 * operation") — exactly what happened to the second training run in one JVM. {@link #noGrad()}
 * turns it off for the caller's thread for the duration of a run.
 *
 * <p>DJL allows one open {@code GradientCollector} per JVM; {@link #COLLECTOR} serialises the
 * forward/backward part of steps of stages that the scheduler runs concurrently (for example on
 * two GPUs), instead of letting the second fail.
 */
public final class Autograd {
    /** Held while a {@code GradientCollector} is open. */
    public static final ReentrantLock COLLECTOR = new ReentrantLock();

    private Autograd() {}

    /** Turns grad mode off on this thread until the returned scope is closed, then restores it. */
    public static Scope noGrad() {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return () -> JniUtils.setGradMode(previous);
    }

    /** A scope whose close cannot fail. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
