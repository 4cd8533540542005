/** Evaluators, their results and per-item predictions. */
package org.babylab.api.eval;
