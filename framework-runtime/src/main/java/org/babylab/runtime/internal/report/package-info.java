/** Results: evaluation metrics of a plan collected from the store into tables, CSV and JSON. */
package org.babylab.runtime.internal.report;
