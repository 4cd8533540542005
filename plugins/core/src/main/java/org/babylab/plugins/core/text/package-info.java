/**
 * The {@code text} dataset: documents read lazily from local plain-text, JSON-lines or JSON-array
 * files matched by glob patterns, with errors that name {@code file:line}.
 */
package org.babylab.plugins.core.text;
