/**
 * The generators of the data shipped under {@code experiments/data}: the quickstart corpus (a
 * child-directed speech grammar), the BLiMP-format minimal pairs it makes learnable and instruction
 * pairs ({@link org.babylab.datagen.QuickstartData}), the llamalogue-mini conversations and preference
 * pairs ({@link org.babylab.datagen.LlamalogueMiniData}) and a GLUE task with a learnable cue
 * ({@link org.babylab.datagen.GlueCueFixture}). Each is deterministic for its seed; tests check that
 * the shipped copies are their output. Not part of any plugin.
 */
package org.babylab.datagen;
