/**
 * The LLaMA decoder on DJL NDArrays: architecture and presets, the forward pass over parameters
 * stored under their Hugging Face names, batched generation with a key/value cache and sampling, and
 * the {@code llama} and {@code hf-llama} model types.
 */
package org.babylab.plugins.llama.model;
