package org.babylab.runtime.internal.exec;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.babylab.api.step.ProgressReporter;
import org.babylab.runtime.internal.plan.PlanPrinter;

/**
 * The progress of one running step, as the live status area shows it: phase, done/total in a unit,
 * rate, ETA and a status text. Thread-safe: the step reports from its threads, the board reads from
 * its own.
 */
final class StepProgress implements ProgressReporter {
    private final String stepName;
    private final LongSupplier nanoClock;
    private volatile String phase = "starting";
    private volatile String unit = "";
    private volatile long total;
    private volatile long phaseStartNanos;
    private volatile String status = "";
    private final AtomicLong done = new AtomicLong();

    StepProgress(String stepName) {
        this(stepName, System::nanoTime);
    }

    /** @param nanoClock the time in nanoseconds that rates and ETAs are measured with (a fake one in tests) */
    StepProgress(String stepName, LongSupplier nanoClock) {
        this.stepName = stepName;
        this.nanoClock = nanoClock;
        this.phaseStartNanos = nanoClock.getAsLong();
    }

    @Override
    public void start(String phase, String unit, long total) {
        this.phase = phase;
        this.unit = unit;
        this.total = Math.max(0, total);
        this.done.set(0);
        this.phaseStartNanos = nanoClock.getAsLong();
    }

    @Override
    public void advance(long n) {
        done.addAndGet(n);
    }

    @Override
    public void status(String text) {
        this.status = text == null ? "" : text;
    }

    /** One line: {@code name  phase n/total unit  rate/s  ETA 1m05s  status}. */
    String render() {
        long n = done.get();
        double seconds = (nanoClock.getAsLong() - phaseStartNanos) / 1e9;
        StringBuilder sb = new StringBuilder(stepName).append("  ").append(phase);
        if (n > 0 || total > 0) {
            sb.append(' ').append(n);
            if (total > 0) {
                sb.append('/').append(total);
            }
            sb.append(' ').append(unit);
            if (seconds > 0.5 && n > 0) {
                double rate = n / seconds;
                sb.append(String.format(java.util.Locale.ROOT, "  %.1f/s", rate));
                if (total > n) {
                    sb.append("  ETA ").append(formatDuration(Duration.ofMillis((long) ((total - n) / rate * 1000))));
                }
            }
        }
        if (!status.isEmpty()) {
            sb.append("  ").append(status);
        }
        return sb.toString();
    }

    /** {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h07m}. */
    static String formatDuration(Duration d) {
        return PlanPrinter.formatDuration(d);
    }
}
