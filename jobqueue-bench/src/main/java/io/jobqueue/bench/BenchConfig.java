package io.jobqueue.bench;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to measure and how hard, the same for every queue of one benchmark invocation.
 *
 * @param jobs     N: jobs per throughput measurement
 * @param workers  W: the worker's concurrency
 * @param rate     jobs per second submitted in the latency measurement
 * @param seconds  how long the latency measurement submits
 * @param runs     R: measured runs; each figure is the median of them
 * @param warmup   whether one smaller run goes first, unreported
 * @param phases   which measurements to make
 * @param patience how long to wait without any job starting before the missing ones count as lost
 */
record BenchConfig(int jobs, int workers, int rate, int seconds, int runs, boolean warmup, Set<Phase> phases,
                   Duration patience) {

    static final int DEFAULT_JOBS = 20_000;
    static final int DEFAULT_WORKERS = 8;
    static final int DEFAULT_RATE = 500;
    static final int DEFAULT_SECONDS = 10;
    static final int DEFAULT_RUNS = 3;
    static final int DEFAULT_PATIENCE_SECONDS = 30;

    /** Jobs per call of {@code queueAll} in the batched submit. */
    static final int SUBMIT_BATCH = 500;

    BenchConfig {
        require(jobs >= 1, "--jobs must be at least 1, was " + jobs);
        require(workers >= 1, "--workers must be at least 1, was " + workers);
        require(rate >= 1, "--rate must be at least 1, was " + rate);
        require(seconds >= 1, "--seconds must be at least 1, was " + seconds);
        require(runs >= 1, "--runs must be at least 1, was " + runs);
        require((long) rate * seconds <= 50_000_000, "--rate × --seconds must be at most 50,000,000 jobs");
        require(!patience.isNegative() && !patience.isZero(), "--patience must be positive, was " + patience);
        phases = phases == null || phases.isEmpty() ? EnumSet.allOf(Phase.class) : EnumSet.copyOf(phases);
    }

    /** The smaller configuration of the warm-up run: a quarter of the jobs and of the seconds. */
    BenchConfig forWarmup() {
        return new BenchConfig(Math.max(1, jobs / 4), workers, rate, Math.max(1, seconds / 4), 1, false, phases, patience);
    }

    boolean measures(Phase phase) {
        return phases.contains(phase);
    }

    /** "N=200, W=2, 100/s for 1 s, 1 run" when any of these differs from the defaults, else "". */
    String nonDefaults() {
        boolean defaults = jobs == DEFAULT_JOBS && workers == DEFAULT_WORKERS && rate == DEFAULT_RATE
                && seconds == DEFAULT_SECONDS && runs == DEFAULT_RUNS;
        return defaults ? "" : "N=" + jobs + ", W=" + workers + ", " + rate + "/s for " + seconds + " s, "
                + runs + (runs == 1 ? " run" : " runs");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** One of the three measurements, as named on the command line ({@code --only submit}). */
    enum Phase {
        SUBMIT, PROCESS, LATENCY
    }
}
