/** Test helpers for plugin authors: a real {@code StepContext} without the runtime, and load-time checks. */
package org.babylab.testkit;
