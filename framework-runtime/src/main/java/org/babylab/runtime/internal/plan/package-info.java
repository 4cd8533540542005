/**
 * Planning: from a resolved experiment to a DAG of cached steps. {@link org.babylab.runtime.internal.plan.Planner}
 * keys every step by the hash of what determines its output, so equal computations across sweep
 * trials become one step; {@link org.babylab.runtime.internal.plan.PlanPrinter} shows the plan and
 * {@link org.babylab.runtime.internal.plan.KeyExplainer} says why a step will run again.
 */
package org.babylab.runtime.internal.plan;
