/**
 * The {@code ppo} stage: PPO of a LLaMA policy against a frozen reference, rewarded by a declared
 * reward, with TRL 0.8.6's rewards, advantages, adaptive KL and defaults.
 */
package org.babylab.plugins.llama.rl;
