package io.jobqueue.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A line on a terminal that redraws itself a few times a second (progress, rates) while other
 * lines scroll above it. Lines printed through {@link #println} clear it first, so the two never
 * mix. When not {@code live} (output is not a terminal) it prints the lines and draws nothing.
 *
 * <p>Thread-safe: every write holds one lock.
 */
final class StatusLine implements AutoCloseable {

    private static final long REDRAW_MILLIS = 250;

    private final PrintStream out;
    private final boolean live;
    private final Supplier<String> text;
    private ScheduledExecutorService redraw;
    private int drawnLength;

    StatusLine(PrintStream out, boolean live, Supplier<String> text) {
        this.out = out;
        this.live = live;
        this.text = text;
    }

    /** Starts redrawing (only when live). */
    StatusLine start() {
        if (live) {
            redraw = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "jobqueue-status");
                thread.setDaemon(true);
                return thread;
            });
            redraw.scheduleAtFixedRate(this::draw, 0, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Prints a whole line above the status line. */
    synchronized void println(String line) {
        clear();
        out.println(line);
        if (redraw != null) {
            draw();
        }
    }

    synchronized void draw() {
        if (!live) {
            return;
        }
        String current = text.get();
        out.print("\r" + current + " ".repeat(Math.max(0, drawnLength - current.length())));
        out.flush();
        drawnLength = current.length();
    }

    private void clear() {
        if (drawnLength > 0) {
            out.print("\r" + " ".repeat(drawnLength) + "\r");
            drawnLength = 0;
        }
    }

    /** Stops redrawing; the last state stays on screen as a finished line. */
    @Override
    public synchronized void close() {
        if (redraw == null) {
            return;
        }
        redraw.shutdownNow();
        redraw = null;
        draw();
        out.println();
        drawnLength = 0;
        out.flush();
    }
}
