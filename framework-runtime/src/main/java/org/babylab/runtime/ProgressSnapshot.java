package org.babylab.runtime;

import java.util.Objects;

/**
 * Where a running step stands, as its code reports it ({@code ProgressReporter}).
 *
 * <p>Added in API 0.6.
 *
 * @param phase what it is doing, e.g. {@code train} or {@code score}
 * @param unit what {@code done} and {@code total} count, e.g. {@code steps}; may be empty
 * @param done how many units of the phase are done
 * @param total how many there are, 0 when unknown
 * @param status the step's last status text (e.g. its loss), or empty
 */
public record ProgressSnapshot(String phase, String unit, long done, long total, String status) {
    public ProgressSnapshot {
        Objects.requireNonNull(phase, "phase");
        unit = unit == null ? "" : unit;
        status = status == null ? "" : status;
        if (done < 0 || total < 0) {
            throw new IllegalArgumentException("done and total must be >= 0, got " + done + " and " + total);
        }
    }
}
