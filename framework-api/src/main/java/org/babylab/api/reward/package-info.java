/** Reward functions for reinforcement-learning stages, and what they score (API 0.3). */
package org.babylab.api.reward;
