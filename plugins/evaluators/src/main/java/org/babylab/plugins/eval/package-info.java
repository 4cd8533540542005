/**
 * Zero-shot evaluators with BabyLM-pipeline fidelity. {@link org.babylab.plugins.eval.EvaluatorsPlugin}
 * registers them; the scoring core is the plugin toolkit's {@link org.babylab.toolkit.scoring}; the rules are
 * documented in {@code docs/evaluation.md}.
 */
package org.babylab.plugins.eval;
