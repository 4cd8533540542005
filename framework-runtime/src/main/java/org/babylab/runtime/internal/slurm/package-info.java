/**
 * Running a study on a Slurm cluster: cluster settings read from the experiment or a lab profile, one
 * batch job per uncached step submitted after the jobs of its inputs, a ledger of submitted jobs
 * beside the store, and the status of each step read back from the store, the ledger and Slurm.
 */
package org.babylab.runtime.internal.slurm;
