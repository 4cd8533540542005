package org.babylab.runtime.internal.store;

/**
 * One published entry as the name index remembers it: which key a step name had, when, and how long it
 * took, so that plans can show costs and explain why a key changed.
 *
 * @param name the step name
 * @param key the entry's key
 * @param recordedAt ISO-8601 instant of publication
 * @param durationMillis how long the step computed
 */
public record RunRecord(String name, String key, String recordedAt, long durationMillis) {}
