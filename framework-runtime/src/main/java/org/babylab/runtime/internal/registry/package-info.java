/**
 * The parts behind {@link org.babylab.runtime.PluginRegistry}: discovery on a class path and in
 * plugin directories, the isolating {@link org.babylab.runtime.internal.registry.PluginClassLoader},
 * the load-time checks of each plugin and factory, and code digests for provenance.
 */
package org.babylab.runtime.internal.registry;
