/** The llama implementation of sequence classification: the pipeline's head, pooling and packed batches. */
package org.babylab.plugins.llama.classify;
