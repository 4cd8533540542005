/**
 * Continuation scoring, the core of every zero-shot evaluator: {@link org.babylab.toolkit.scoring.RequestEncoder}
 * states the span, BOS and truncation rules, {@link org.babylab.toolkit.scoring.ContinuationScorer} applies them
 * with de-duplication, prefix sharing and length-sorted batching. The rules are listed in docs/plugins.md and
 * docs/evaluation.md.
 */
package org.babylab.toolkit.scoring;
