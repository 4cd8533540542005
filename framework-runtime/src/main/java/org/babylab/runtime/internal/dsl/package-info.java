/**
 * The experiment DSL: {@link org.babylab.runtime.internal.dsl.ExperimentLoader} reads a YAML file
 * safely into located nodes, merges includes, applies command-line overrides, expands
 * {@code ${...}} and the sweep, binds every component to its plugin's config record with Jackson,
 * checks references, and reports every problem at its file, line and column with a suggestion.
 */
package org.babylab.runtime.internal.dsl;
