/**
 * The runtime's public face to code that embeds BabyLab: the {@link
 * org.babylab.runtime.PluginRegistry} of loaded plugins and the rows it lists ({@link
 * org.babylab.runtime.RegisteredFactory}). Everything under {@code internal} is the runtime's own and
 * may change in any release.
 */
package org.babylab.runtime;
