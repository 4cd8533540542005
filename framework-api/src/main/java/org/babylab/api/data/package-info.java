/** Datasets: lazy views over local files. */
package org.babylab.api.data;
