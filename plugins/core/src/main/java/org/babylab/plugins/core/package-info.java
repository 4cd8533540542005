/**
 * The core BabyLab plugin: {@code text} datasets ({@link org.babylab.plugins.core.text}), the
 * {@code ngram} Kneser-Ney model ({@link org.babylab.plugins.core.ngram}) and the generator of the
 * shipped quickstart data ({@link org.babylab.plugins.core.quickstart}).
 */
package org.babylab.plugins.core;
