package org.babylab.runtime.internal.exec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The console side of a run. Interactive: a live area at the bottom, one line per running step,
 * redrawn with ANSI escapes at most four times a second, with finished-step lines printed above it.
 * Otherwise: only the finished-step lines (and a start line per step). Thread-safe (synchronized).
 */
final class ProgressBoard implements AutoCloseable {
    private static final long REDRAW_MILLIS = 250;

    private final PrintStream out;
    private final boolean interactive;
    private final Map<String, StepProgress> running = new LinkedHashMap<>();
    private final ScheduledExecutorService redraw;
    private int drawnLines;

    ProgressBoard(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
        if (interactive) {
            redraw = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "babylab-progress");
                t.setDaemon(true);
                return t;
            });
            redraw.scheduleAtFixedRate(this::redraw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            redraw = null;
        }
    }

    /** Adds a running step to the live area and returns its reporter. */
    synchronized StepProgress started(String key, String stepName, String startLine) {
        StepProgress p = new StepProgress(stepName);
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
            clearArea();
            out.flush();
        }
    }
}
