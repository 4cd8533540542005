package org.babylab.runtime.internal.exec;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The console side of a run. Interactive: a live area at the bottom, one line per running step,
 * redrawn with ANSI escapes at most four times a second, with finished-step lines printed above it.
 * Otherwise (nohup, Slurm, CI): the start and finished-step lines, and every {@code every} one plain
 * {@code [progress]} line per running step (name, phase, done/total, rate, ETA and the step's status,
 * e.g. its loss), so that a log is never silent for minutes. Thread-safe (synchronized).
 */
final class ProgressBoard implements AutoCloseable {
    private static final long REDRAW_MILLIS = 250;
    /** How often plain output checks whether a progress report is due; the cadence itself is {@code every}. */
    private static final long TICK_MILLIS = 1000;

    private final PrintStream out;
    private final boolean interactive;
    private final long everyNanos;
    private final LongSupplier nanoClock;
    private final Map<String, StepProgress> running = new LinkedHashMap<>();
    private final ScheduledExecutorService redraw;
    private int drawnLines;
    private long lastReportNanos;

    ProgressBoard(PrintStream out, boolean interactive) {
        this(out, interactive, ExecutorOptions.DEFAULT_PROGRESS_EVERY);
    }

    ProgressBoard(PrintStream out, boolean interactive, Duration every) {
        this(out, interactive, every, System::nanoTime, true);
    }

    /**
     * @param every how often plain output reports the running steps
     * @param nanoClock the time in nanoseconds (a fake one in tests)
     * @param schedule start the thread that redraws or ticks; false for tests, which call {@link #tick()}
     */
    ProgressBoard(PrintStream out, boolean interactive, Duration every, LongSupplier nanoClock, boolean schedule) {
        this.out = out;
        this.interactive = interactive;
        this.everyNanos = every.toNanos();
        this.nanoClock = nanoClock;
        this.lastReportNanos = nanoClock.getAsLong();
        if (schedule) {
            redraw = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "babylab-progress");
                t.setDaemon(true);
                return t;
            });
            if (interactive) {
                redraw.scheduleAtFixedRate(this::redraw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                long tick = Math.min(TICK_MILLIS, Math.max(1, every.toMillis()));
                redraw.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
            }
        } else {
            redraw = null;
        }
    }

    /**
     * Plain output only: when {@code every} has passed since the last report (or since the board
     * started), prints one {@code [progress]} line per running step. The next report is due
     * {@code every} after this one; with no step running nothing is printed and the clock restarts,
     * so the first report of a later step comes a full period after it starts at the earliest.
     */
    synchronized void tick() {
        if (interactive) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (now - lastReportNanos < everyNanos) {
            return;
        }
        lastReportNanos = now;
        running.values().forEach(p -> out.println("[progress] " + p.render()));
        out.flush();
    }

    /** Adds a running step to the live area and returns its reporter. */
    synchronized StepProgress started(String key, String stepName, String startLine) {
        StepProgress p = new StepProgress(stepName, nanoClock);
        if (running.isEmpty() && !interactive) {
            lastReportNanos = nanoClock.getAsLong(); // idle time does not count towards the first report
        }
        running.put(key, p);
        if (!interactive) {
            out.println(startLine);
        }
        return p;
    }

    /** Removes a step from the live area. */
    synchronized void finished(String key) {
        running.remove(key);
    }

    /** Prints a permanent line (above the live area when interactive). */
    synchronized void line(String text) {
        if (interactive) {
            clearArea();
            out.println(text);
            drawArea();
        } else {
            out.println(text);
        }
        out.flush();
    }

    synchronized void redraw() {
        clearArea();
        drawArea();
        out.flush();
    }

    private void clearArea() {
        if (drawnLines > 0) {
            // Cursor up to the first line of the area, then clear to the end of the screen.
            out.print("\u001b[" + drawnLines + "F\u001b[J");
            drawnLines = 0;
        }
    }

    private void drawArea() {
        List<String> lines = new ArrayList<>();
        running.values().forEach(p -> lines.add("  > " + p.render()));
        lines.forEach(out::println);
        drawnLines = lines.size();
    }

    @Override
    public synchronized void close() {
        if (redraw != null) {
            redraw.shutdownNow();
            if (interactive) {
                clearArea();
            }
            out.flush();
        }
    }
}
