/**
 * Curricula: phase-wise schedules over datasets for training stages. A
 * {@link org.babylab.api.curriculum.Curriculum} names its phases and lays out each phase's exact order
 * of examples as an {@link org.babylab.api.curriculum.OrderManifest}; the runtime plans one step per
 * phase and tells the stage which one it runs through
 * {@link org.babylab.api.step.StepContext#phase()}. {@link org.babylab.api.curriculum.OrderedRecords}
 * reads a phase's records in that order.
 */
package org.babylab.api.curriculum;
