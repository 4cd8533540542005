/**
 * The {@code babylab} command line (picocli): run, sweep, plan, explain, results, report, status,
 * cancel, plugins, schema, verify, gc, export, path. Not an API: it is a client of the embedding API
 * ({@link org.babylab.runtime.BabyLab}) like any other program, and imports nothing from
 * {@code org.babylab.runtime.internal} (pinned by ArchitectureTest). Its console output on loading is
 * a {@link org.babylab.runtime.BabyLabListener}.
 */
package org.babylab.runtime.cli;
