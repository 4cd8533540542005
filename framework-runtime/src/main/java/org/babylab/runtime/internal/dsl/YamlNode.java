package org.babylab.runtime.internal.dsl;

import org.babylab.runtime.SourceLocation;

/**
 * A YAML value with the place it was written: the DSL's own tree, built from SnakeYAML's node
 * graph without constructing any Java object from a tag. Every node remembers its file, line and
 * column, including nodes merged in from included files or given on the command line, so that
 * every problem found later can point at the text that caused it.
 *
 * <p>Immutable; safe to share between threads and between trials.
 */
sealed interface YamlNode permits YamlMap, YamlSeq, YamlScalar {

    /** Where the node starts. */
    SourceLocation location();

    /** A short description of the node's shape for messages: {@code a mapping}, {@code the number 3}, ... */
    String describe();

    /** The node as a JSON-like Java value: LinkedHashMap, List, String, Long, BigInteger, Double, Boolean or null. */
    Object toPlain();

    /** The same node, with its own location replaced (children keep theirs). */
    YamlNode at(SourceLocation location);
}
