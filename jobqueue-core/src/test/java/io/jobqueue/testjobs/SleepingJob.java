package io.jobqueue.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sleeps for {@code sleepMillis}, records how that ended ("slept" or "interrupted"), and returns
 * true; with {@code ownTimeoutMillis} not null it has that {@link Job#timeout()} of its own, as given
 * (zero and negative values too, for the refusal).
 */
public final class SleepingJob implements Job {

    private String key;
    private long sleepMillis;
    private Long ownTimeoutMillis;

    private SleepingJob() {
    }

    public SleepingJob(String key, long sleepMillis, Long ownTimeoutMillis) {
        this.key = key;
        this.sleepMillis = sleepMillis;
        this.ownTimeoutMillis = ownTimeoutMillis;
    }

    /** Sleeps a minute, with no timeout of its own. */
    public static SleepingJob forAMinute(String key) {
        return new SleepingJob(key, 60_000, null);
    }

    @Override
    public boolean execute(Queue queue, Message message) throws InterruptedException {
        try {
            // the job's work: a wait nothing ends early but an interrupt (a timeout's, a cancel's)
            new CountDownLatch(1).await(sleepMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Recorder.record(key, "interrupted");
            throw e;
        }
        Recorder.record(key, "slept");
        return true;
    }

    @Override
    public Duration timeout() {
        return ownTimeoutMillis == null ? null : Duration.ofMillis(ownTimeoutMillis);
    }
}
