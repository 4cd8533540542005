/**
 * Statistics the evaluators report, computed with commons-math: nested OLS regressions for the gain
 * in explained variance of reading times.
 */
package org.babylab.plugins.eval.stats;
