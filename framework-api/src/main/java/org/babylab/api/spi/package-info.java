/**
 * The factory interfaces a plugin implements, one per {@link org.babylab.api.ComponentKind}. Each
 * factory has a stable {@code type} id, a config record type and a {@code create(config, context)}.
 */
package org.babylab.api.spi;
