/**
 * Reading evaluation data: config paths to files ({@link org.babylab.toolkit.data.DataFiles},
 * {@link org.babylab.toolkit.data.FileGlobs}), JSON and JSONL records with file:line errors
 * ({@link org.babylab.toolkit.data.JsonRecords}), password-protected zips read in place
 * ({@link org.babylab.toolkit.data.JsonlSource}).
 */
package org.babylab.toolkit.data;
