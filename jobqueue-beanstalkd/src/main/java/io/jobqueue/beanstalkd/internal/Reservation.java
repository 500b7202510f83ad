package io.jobqueue.beanstalkd.internal;

import java.util.concurrent.TimeUnit;

/**
 * One message this queue has reserved: which job holds it, on which connection, under which token,
 * and two ends of its lease. The server starts the time to run when it handles the reserve (or
 * touch), which is after we sent it and before we got the answer: counted from the sending, the
 * lease surely still lasts; counted from the answer, it has surely ended on the server.
 *
 * <p>The token is {@code <job id>:<reserves>:<holder>}: the job's reserve count (which the server
 * raises with every reservation) and the holding connection's number name this reservation, so a
 * message reserved again, here or elsewhere, has another token.
 */
final class Reservation {

    private static final long MAX_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    final String messageId;
    final long jobId;
    final Holder holder;
    final String token;
    final long priority;
    final long buries;
    final long ttrNanos;
    private volatile long deadlineNanos;
    private volatile long endNanos;

    Reservation(String messageId, long jobId, Holder holder, JobStats stats, long ttrNanos, long sentAtNanos,
            long answeredAtNanos) {
        this.messageId = messageId;
        this.jobId = jobId;
        this.holder = holder;
        this.token = jobId + ":" + stats.reserves() + ":" + holder.order;
        this.priority = stats.priority();
        this.buries = stats.buries();
        this.ttrNanos = ttrNanos;
        this.deadlineNanos = sentAtNanos + ttrNanos;
        this.endNanos = answeredAtNanos + ttrNanos;
    }

    /** The lease was renewed by a touch sent at {@code sentAtNanos} and answered at {@code answeredAtNanos}. */
    void renewed(long sentAtNanos, long answeredAtNanos) {
        deadlineNanos = sentAtNanos + ttrNanos;
        endNanos = answeredAtNanos + ttrNanos;
    }

    /**
     * True while the lease is certainly still ours, with a margin (a quarter of the lease, at most
     * one second) for the command to reach the server: then a {@code delete} cannot hit a job that
     * went back to ready. Later, a {@code touch} must confirm the reservation first.
     */
    boolean surelyHeld(long nowNanos) {
        return nowNanos - (deadlineNanos - Math.min(ttrNanos / 4, MAX_MARGIN_NANOS)) < 0;
    }

    /** True when the lease has surely ended on the server, {@code slackNanos} ago. */
    boolean surelyEnded(long nowNanos, long slackNanos) {
        return nowNanos - (endNanos + slackNanos) > 0;
    }
}
