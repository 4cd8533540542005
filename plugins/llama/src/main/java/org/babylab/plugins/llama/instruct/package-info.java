/**
 * The {@code instruction-tune} stage: supervised fine-tuning of a LLaMA model on chat examples, one
 * curriculum phase per step, packed into micro-batches with the loss on reply tokens only.
 */
package org.babylab.plugins.llama.instruct;
