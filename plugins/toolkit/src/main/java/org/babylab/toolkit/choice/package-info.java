/**
 * Multiple-choice evaluation on top of {@link org.babylab.toolkit.scoring}: items whose gold option comes first,
 * judged against the best alternative ({@link org.babylab.toolkit.choice.Outcome}), ties counted under a
 * {@link org.babylab.toolkit.choice.TieRule}, tallied per group and macro-averaged.
 */
package org.babylab.toolkit.choice;
