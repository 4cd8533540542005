/** The JSON Schema of the DSL for the loaded plugins, for YAML editors ({@code babylab schema}). */
package org.babylab.runtime.internal.schema;
