package org.babylab.plugins.eval.glue;

/**
 * One labelled example.
 *
 * @param item the record's {@code idx} (as JSON text) or its line number when it has none
 * @param source file and line, for messages
 * @param first the first text after the task's field mapping
 * @param second the second text
 * @param label the gold class
 */
record GlueExample(String item, String source, String first, String second, int label) {}
