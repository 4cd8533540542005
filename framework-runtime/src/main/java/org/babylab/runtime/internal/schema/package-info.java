/**
 * The JSON Schema of the DSL for the loaded plugins, for YAML editors ({@code babylab schema}); config
 * records are read through {@link org.babylab.runtime.internal.dsl.ConfigRecord}, so the schema lists
 * exactly the keys the binder accepts.
 */
package org.babylab.runtime.internal.schema;
