package org.babylab.runtime.internal.slurm;

/** Cluster settings that cannot be used; the message names the file, line and what would be valid. */
public final class ClusterSettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterSettingsException(String message) {
        super(message);
    }
}
