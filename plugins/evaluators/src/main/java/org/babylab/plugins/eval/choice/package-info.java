/**
 * Multiple-choice judging shared by the evaluators: items whose options are scored as continuations
 * (gold first), the outcome of gold against the best alternative under a tie rule, and accuracy
 * tallies per group and over groups.
 */
package org.babylab.plugins.eval.choice;
