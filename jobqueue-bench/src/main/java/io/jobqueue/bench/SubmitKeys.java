package io.jobqueue.bench;

import io.jobqueue.SubmitOptions;

/**
 * Which keys the measured submits carry ({@code --keys}, one per {@code --queue}): none, a unique
 * key of its own per job (so none is a duplicate and the figure is the price of the check), or one
 * of {@value #CONCURRENCY_KEYS} concurrency keys in turn (for a queue with {@code concurrencyLimit}).
 * Jobs with keys are submitted one at a time also in the batched measurement, because one
 * {@code queueAll} gives all its jobs the same options.
 */
enum SubmitKeys {
    NONE, UNIQUE, CONCURRENCY;

    /** How many concurrency keys the jobs of a round take in turn. */
    static final int CONCURRENCY_KEYS = 64;

    /** The options of the job with that index in that round. */
    SubmitOptions options(Round round, int index) {
        return switch (this) {
            case NONE -> SubmitOptions.DEFAULT;
            case UNIQUE -> SubmitOptions.DEFAULT.withUniqueKey("bench-" + round.number() + "-" + index);
            case CONCURRENCY -> SubmitOptions.DEFAULT.withConcurrencyKey("customer-" + index % CONCURRENCY_KEYS);
        };
    }

    /** As the row label names it. */
    String label() {
        return this == NONE ? "" : this == UNIQUE ? "unique keys" : "concurrency keys";
    }
}
