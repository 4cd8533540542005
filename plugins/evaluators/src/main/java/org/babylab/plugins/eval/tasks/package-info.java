/**
 * The zero-shot evaluators and their configs: BLiMP-style minimal pairs, dialogue pairs, EWoK, entity
 * tracking, WUG adjectives and reading times, each following the BabyLM evaluation pipeline's scoring
 * unless its config says otherwise.
 */
package org.babylab.plugins.eval.tasks;
