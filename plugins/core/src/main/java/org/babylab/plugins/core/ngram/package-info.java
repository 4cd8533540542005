/**
 * The {@code ngram} model: a word tokenizer, n-gram counting into primitive hash tables, interpolated
 * modified Kneser-Ney estimates, and a versioned binary file format.
 */
package org.babylab.plugins.core.ngram;
