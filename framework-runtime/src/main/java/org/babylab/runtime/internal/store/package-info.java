/**
 * The content-addressed store: complete step outputs by key, published atomically with their
 * provenance ({@code metadata.json}, written last), per-key locks shared by threads and processes,
 * remembered file hashes, and an index of key documents and step names.
 */
package org.babylab.runtime.internal.store;
