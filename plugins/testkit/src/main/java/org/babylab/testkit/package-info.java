/**
 * Test helpers for plugin authors: a real {@code StepContext} without the runtime
 * ({@link org.babylab.testkit.TestStepContext}), a tiny real language model
 * ({@link org.babylab.testkit.CharBigramModel}), YAML binding through BabyLab's binder
 * ({@link org.babylab.testkit.ConfigBinding}), the registry's load-time checks
 * ({@link org.babylab.testkit.PluginChecks}) and whole studies through the real runtime
 * ({@link org.babylab.testkit.TestStudy}).
 */
package org.babylab.testkit;
