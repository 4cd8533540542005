/**
 * The experiment DSL: {@link org.babylab.runtime.internal.dsl.ExperimentLoader} reads a YAML file
 * safely into located nodes, merges includes, applies command-line overrides, expands
 * {@code ${...}} and the sweep ({@link org.babylab.runtime.internal.dsl.SweepPoints}), binds every
 * component to its plugin's config record with Jackson ({@link org.babylab.runtime.internal.dsl.ComponentBinder}),
 * checks references, and reports every problem at its file, line and column with a suggestion.
 * {@link org.babylab.runtime.internal.dsl.ConfigRecord} is the one cached description of a config
 * record (keys, types, docs, {@code @Ref}, {@code @Required}, {@code @NotKeyed}) that the binder,
 * the plugin checker, the planner and the schema generator share.
 */
package org.babylab.runtime.internal.dsl;
