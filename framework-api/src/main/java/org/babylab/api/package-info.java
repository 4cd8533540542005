/**
 * The BabyLab plugin API. Plugins implement {@link org.babylab.api.Plugin}, a bag of factories from
 * {@link org.babylab.api.spi}; components talk to the runtime only through the types of this module,
 * which depends on the JDK alone.
 */
package org.babylab.api;
