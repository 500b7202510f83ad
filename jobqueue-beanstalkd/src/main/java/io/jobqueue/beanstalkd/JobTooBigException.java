package io.jobqueue.beanstalkd;

/**
 * A payload is larger than a beanstalkd job may be: either larger than the queue's
 * {@code maxJobSize} option (refused before anything is sent) or refused by the server with
 * {@code JOB_TOO_BIG} (its {@code -z} limit). Retrying does not help; raise beanstalkd's
 * {@code -z} and the queue's {@code maxJobSize}, or make the job smaller.
 */
public final class JobTooBigException extends BeanstalkdException {

    private final long size;
    private final long limit;

    /**
     * @param size  the job body's size in bytes
     * @param limit the limit it broke, in bytes, or -1 when the server did not say
     */
    public JobTooBigException(String message, String queueName, long size, long limit) {
        super(message, queueName, "JOB_TOO_BIG", null);
        this.size = size;
        this.limit = limit;
    }

    /** The size of the refused job body in bytes (the UTF-8 payload plus any header). */
    public long size() {
        return size;
    }

    /** The limit in bytes, or -1 when it is not known. */
    public long limit() {
        return limit;
    }
}
