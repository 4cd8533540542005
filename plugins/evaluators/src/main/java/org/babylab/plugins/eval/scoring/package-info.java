/**
 * Continuation scoring: the one rule that turns a context and a continuation into token ids and
 * scored positions (BOS, spans, truncation), the fast scorer that reads each distinct sequence once
 * in length-sorted batches, the naive reference scorer it is checked against, and the BabyLM
 * pipeline's variant of the rules.
 */
package org.babylab.plugins.eval.scoring;
