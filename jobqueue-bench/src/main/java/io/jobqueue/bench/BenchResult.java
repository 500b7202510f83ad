package io.jobqueue.bench;

import java.util.Locale;

/**
 * One configuration's row of the results table: the median figures and the jobs lost or run twice.
 *
 * @param label   the row's first cell
 * @param figures medians over the measured runs
 * @param tally   lost and twice-run jobs over all runs, the warm-up included
 */
record BenchResult(String label, RunFigures figures, Recorder.Tally tally) {

    /** The table's header and alignment lines, the same for every configuration. */
    static final String HEADER = "| configuration | submit 1-by-1 (jobs/s) | submit batched (jobs/s) "
            + "| process N×W (jobs/s) | latency p50 / p99 / max (ms) | lost | twice |\n"
            + "|---|---:|---:|---:|---:|---:|---:|";

    private static final String MISSING = "–";

    /** The markdown row, without a line break. */
    String markdownRow() {
        return "| " + label.replace("|", "\\|")
                + " | " + rate(figures.submitOneByOne())
                + " | " + rate(figures.submitBatched())
                + " | " + rate(figures.process())
                + " | " + latency(figures.p50Millis(), figures.p99Millis(), figures.maxMillis())
                + " | " + tally.lost()
                + " | " + tally.twice()
                + " |";
    }

    /** Jobs per second as a whole number with thousands separators, or a dash. */
    static String rate(double jobsPerSecond) {
        return Double.isNaN(jobsPerSecond) ? MISSING : String.format(Locale.ROOT, "%,.0f", jobsPerSecond);
    }

    /** "0.21 / 1.4 / 12" (milliseconds), or a dash when not measured. */
    static String latency(double p50, double p99, double max) {
        if (Double.isNaN(p50)) {
            return MISSING;
        }
        return millis(p50) + " / " + millis(p99) + " / " + millis(max);
    }

    /** Two significant decimals where they matter: 0.043, 0.21, 1.4, 12, 1,234. */
    private static String millis(double value) {
        if (value < 0.1) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
        if (value < 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        if (value < 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
