package org.babylab.plugins.instruct.data;

import java.util.Map;

/**
 * A record as read from a file, before normalisation, with where it was read.
 *
 * @param fields the decoded fields (JSON-like values)
 * @param where {@code file:line} for JSON, {@code file: row N} for Parquet, for messages
 */
record RawRecord(Map<String, Object> fields, String where) {}
