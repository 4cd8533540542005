/**
 * The programs behind {@code babylab bench}: training and scoring throughput and peak memory of the
 * LLaMA model, generation with and without the key/value cache, BLiMP scoring batched against the
 * BabyLM pipeline's one-sequence-at-a-time way, and GLUE fine-tuning. Each prints its figures with the
 * machine's load; none is a test, and none is part of a plugin (docs/performance.md has the figures
 * and commands).
 */
package org.babylab.benchmarks;
