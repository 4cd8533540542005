/**
 * Reading evaluation data in place: JSON and JSONL records from files, directories, globs and
 * (password-protected) zip entries, with every complaint naming the file, the line and what was
 * expected.
 */
package org.babylab.plugins.eval.data;
