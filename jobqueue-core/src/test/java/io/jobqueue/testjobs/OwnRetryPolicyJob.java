package io.jobqueue.testjobs;

import io.jobqueue.Job;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.RetryPolicy;
import java.time.Duration;

/** Always fails, and retries after its own fixed delay ({@code delayMillis}; negative: the queue's policy). */
public final class OwnRetryPolicyJob implements Job {

    private String key;
    private long delayMillis;

    private OwnRetryPolicyJob() {
    }

    public OwnRetryPolicyJob(String key, long delayMillis) {
        this.key = key;
        this.delayMillis = delayMillis;
    }

    @Override
    public boolean execute(Queue queue, Message message) {
        Recorder.record(key, "attempt releases " + message.numberOfReleases());
        throw new IllegalStateException("own policy job fails");
    }

    @Override
    public RetryPolicy retryPolicy() {
        return delayMillis < 0 ? null : RetryPolicy.fixed(Duration.ofMillis(delayMillis));
    }
}
