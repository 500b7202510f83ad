package io.jobqueue.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code jobqueue.endpoint.*} properties of the actuator endpoint {@code jobqueue}. */
@ConfigurationProperties(prefix = "jobqueue.endpoint")
public class JobQueueEndpointProperties {

    /**
     * Allow the endpoint's write operation, which moves the failed messages of a queue back to ready
     * (off by default: anyone who may call it can re-run failed jobs).
     */
    private boolean retryEnabled;
    /** The most failed messages one call of the write operation moves back to ready. */
    private int retryLimit = 1000;

    public boolean isRetryEnabled() {
        return retryEnabled;
    }

    public void setRetryEnabled(boolean retryEnabled) {
        this.retryEnabled = retryEnabled;
    }

    public int getRetryLimit() {
        return retryLimit;
    }

    public void setRetryLimit(int retryLimit) {
        if (retryLimit < 1) {
            throw new IllegalArgumentException("jobqueue.endpoint.retry-limit must be at least 1, was " + retryLimit);
        }
        this.retryLimit = retryLimit;
    }
}
