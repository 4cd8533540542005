/**
 * The plugin toolkit: what BabyLab's built-in plugins use and a third-party plugin bundles into its jar, so
 * it applies exactly the built-in rules without copying them. It is implementation, not contract: the
 * plugin API ({@code org.babylab.api}) is what BabyLab supplies at run time; the toolkit is a library a
 * plugin ships (BabyLab's plugin class loader shows a plugin jar only the API and the JDK).
 * <ul>
 *   <li>{@link org.babylab.toolkit.scoring}: continuation log-probabilities with the documented span, BOS
 *       and truncation rules, de-duplication, prefix sharing and length-sorted batching;</li>
 *   <li>{@link org.babylab.toolkit.choice}: multiple-choice items, gold against the best alternative,
 *       tie rules and accuracy tallies per group;</li>
 *   <li>{@link org.babylab.toolkit.data}: JSON/JSONL readers with file:line errors, data paths, globs,
 *       password-protected zips read in place, and task data prepared once for all the models it scores;</li>
 *   <li>{@link org.babylab.toolkit.chat}: the default chat template, segment encoding and example packing.</li>
 * </ul>
 */
package org.babylab.toolkit;
