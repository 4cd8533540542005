/** The {@code instructions} dataset: JSON lines, JSON arrays and Parquet, normalised to instruction, chat or preference records. */
package org.babylab.plugins.instruct.data;
