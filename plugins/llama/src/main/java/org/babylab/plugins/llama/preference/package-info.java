/**
 * The {@code dpo} stage: direct preference optimisation of a LLaMA policy against a frozen reference,
 * with TRL's losses, tokenization and defaults.
 */
package org.babylab.plugins.llama.preference;
