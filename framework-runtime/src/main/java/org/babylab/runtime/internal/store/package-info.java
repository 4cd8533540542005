/**
 * The content-addressed store: complete step outputs by key, published atomically with their
 * provenance ({@code metadata.json}, written last) and verified on every read, per-key locks shared
 * by threads and processes, remembered file hashes, an index of key documents and step names, and
 * the readers of what steps publish ({@link org.babylab.runtime.internal.store.EvaluationOutputs}).
 */
package org.babylab.runtime.internal.store;
