/**
 * The {@code causal-lm} stage and what every LLaMA training stage shares: packed corpora, AdamW with
 * exactly restorable state, learning-rate schedules, gradient steps, resumable checkpoints and kept
 * intermediate checkpoints.
 */
package org.babylab.plugins.llama.train;
