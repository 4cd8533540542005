/**
 * BabyLab's embedding API: what a program (the {@code babylab} command among them) uses to load
 * plugins and experiment files, plan, run and read results. {@link org.babylab.runtime.BabyLab} is
 * the entry point; it makes {@link org.babylab.runtime.Study studies}, whose
 * {@link org.babylab.runtime.StudyPlan plans} run with {@link org.babylab.runtime.RunOptions} and
 * report each step to a {@link org.babylab.runtime.BabyLabListener}. Problems come as data
 * ({@link org.babylab.runtime.Problem} with {@link org.babylab.runtime.Severity} and
 * {@link org.babylab.runtime.SourceLocation}); requests it refuses throw
 * {@link org.babylab.runtime.BabyLabException} with a message meant for the user.
 *
 * <p>Everything public here names only public types of this package, of {@code org.babylab.api}
 * and of the JDK (pinned by ArchitectureTest); {@code org.babylab.runtime.internal} packages are not
 * API and may change in any release. Added in API 0.6, except {@link org.babylab.runtime.PluginRegistry}
 * and {@link org.babylab.runtime.RegisteredFactory}, which were public before.
 */
package org.babylab.runtime;
