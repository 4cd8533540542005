package org.babylab.runtime.internal.slurm;

/** A Slurm command that could not be run or that refused; the message says which and why. */
public final class SlurmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SlurmException(String message) {
        super(message);
    }
}
