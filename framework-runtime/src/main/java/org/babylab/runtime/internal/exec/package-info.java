/**
 * Execution: a device-aware scheduler that runs a plan's uncached steps as soon as their inputs are
 * done and their resource requests fit, gives each a {@link org.babylab.api.step.StepContext},
 * publishes their outputs, and reports progress; plus export of a plan as Slurm jobs.
 */
package org.babylab.runtime.internal.exec;
