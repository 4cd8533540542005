/**
 * Execution of a plan on this machine. {@link org.babylab.runtime.internal.exec.Executor} is the
 * entry point: its {@link org.babylab.runtime.internal.exec.StepScheduler} starts each uncached step
 * as soon as its inputs are done and its resource request fits the free devices
 * ({@link org.babylab.runtime.internal.exec.ResourcePool}); a
 * {@link org.babylab.runtime.internal.exec.StepComputation} computes one step under its store lock
 * through the {@link org.babylab.runtime.internal.exec.KindRunner} of its kind, with a
 * {@link org.babylab.api.step.StepContext} ({@link org.babylab.runtime.internal.exec.RuntimeStepContext}),
 * and publishes it with the provenance {@link org.babylab.runtime.internal.exec.ProvenanceRecorder}
 * makes; what happens is told to {@link org.babylab.runtime.internal.exec.RunEvents}, which the
 * console ({@link org.babylab.runtime.internal.exec.ConsoleRunEvents}, a live progress board) or an
 * embedding caller implements.
 */
package org.babylab.runtime.internal.exec;
