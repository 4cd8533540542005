/**
 * The core BabyLab plugin: {@code text} datasets ({@link org.babylab.plugins.core.text}) and the
 * {@code ngram} Kneser-Ney model ({@link org.babylab.plugins.core.ngram}). The generator of the
 * shipped quickstart data is in the module {@code plugins/datagen}.
 */
package org.babylab.plugins.core;
