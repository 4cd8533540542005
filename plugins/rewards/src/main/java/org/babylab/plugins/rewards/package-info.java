/**
 * The {@code babylab-rewards} plugin: rewards for generated responses (BLEU, chrF, length, likelihood
 * under a language model and weighted sums of others) and the {@code generate} evaluator, which
 * writes a model's continuations of a dataset's prompts.
 */
package org.babylab.plugins.rewards;
