/**
 * Results of a study: evaluation metrics of a plan collected from the store into tables
 * ({@link org.babylab.runtime.internal.report.ResultsTable}, pivots, replicate and training
 * summaries), written as CSV and JSON, and the HTML report with its figures (docs/report.md).
 */
package org.babylab.runtime.internal.report;
