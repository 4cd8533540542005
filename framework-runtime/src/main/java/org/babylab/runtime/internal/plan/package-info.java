/**
 * Planning: from a checked experiment to a {@link org.babylab.runtime.internal.plan.Plan}, the DAG of
 * {@link org.babylab.runtime.internal.plan.PlannedStep}s (cached computations) and
 * {@link org.babylab.runtime.internal.plan.PlannedSource}s (data read, identified by a fingerprint).
 * {@link org.babylab.runtime.internal.plan.Planner} resolves each trial and keys every step by the
 * hash of what determines its output ({@link org.babylab.runtime.internal.plan.KeyDocuments}), so
 * equal computations across sweep trials become one step; curricula expand into one step per phase
 * ({@link org.babylab.runtime.internal.plan.CurriculumExpansion}) and kept checkpoints into steps of
 * their own ({@link org.babylab.runtime.internal.plan.KeptCheckpointPlanning}).
 * {@link org.babylab.runtime.internal.plan.PlanPrinter} shows a plan and
 * {@link org.babylab.runtime.internal.plan.KeyExplainer} says why a step will run again.
 */
package org.babylab.runtime.internal.plan;
