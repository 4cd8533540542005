/** What a step sees while it runs: its inputs, output and checkpoint directories, devices and progress. */
package org.babylab.api.step;
