package io.jobqueue.cli.chaos;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a chaos run does, checked when built.
 *
 * @param queueName     the queue's name in the settings
 * @param queueSettings the queue's settings as a settings file says them ({@code className}, {@code options}, …),
 *                      the lease already set
 * @param lease         the queue's lease, from which the finish window follows
 * @param jobs          how many jobs to submit
 * @param workers       how many worker processes run at once
 * @param concurrency   jobs each worker runs at once
 * @param jobTime       how long each job works
 * @param killEvery     how often a random worker is SIGKILLed and replaced
 * @param restartEvery  how often the private server is restarted, null for never (the first
 *                      restart comes once a quarter of the jobs finished, if that is sooner)
 * @param downTime      how long the server stays down at a restart
 * @param timeout       the most the run may take; then it reports what it has and fails
 * @param seed          the seed of the choice of workers to kill
 * @param classPath     the worker processes' class path
 */
public record ChaosPlan(String queueName, Map<String, Object> queueSettings, Duration lease, int jobs, int workers,
        int concurrency, Duration jobTime, Duration killEvery, Duration restartEvery, Duration downTime, Duration timeout,
        long seed, String classPath) {

    /** A job's end may still be finishing in the backend this long after its lease is over. */
    static final Duration FINISH_SLACK = Duration.ofSeconds(1);

    public ChaosPlan {
        Objects.requireNonNull(queueName, "queueName");
        queueSettings = Map.copyOf(queueSettings);
        positive("lease", lease);
        atLeast("jobs", jobs, 1);
        atLeast("workers", workers, 1);
        atLeast("concurrency", concurrency, 1);
        if (jobTime.isNegative()) {
            throw new IllegalArgumentException("jobTime must not be negative, was " + jobTime);
        }
        positive("killEvery", killEvery);
        if (restartEvery != null) {
            positive("restartEvery", restartEvery);
        }
        if (downTime.isNegative()) {
            throw new IllegalArgumentException("downTime must not be negative, was " + downTime);
        }
        positive("timeout", timeout);
        Objects.requireNonNull(classPath, "classPath");
    }

    /** See {@link ChaosAnalysis}: the lease plus a second. */
    public Duration finishWindow() {
        return lease.plus(FINISH_SLACK);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void atLeast(String name, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", was " + value);
        }
    }
}
