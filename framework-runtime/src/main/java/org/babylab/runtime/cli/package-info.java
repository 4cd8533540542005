/**
 * The {@code babylab} command line (picocli): run, sweep, plan, explain, results, plugins, schema. Not
 * an API: embed BabyLab through {@link org.babylab.runtime.PluginRegistry} and the runtime instead.
 */
package org.babylab.runtime.cli;
