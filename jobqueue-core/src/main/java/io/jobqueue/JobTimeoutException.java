package io.jobqueue;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A job ran past its timeout (the queue's {@code timeout}, or its class's {@link Job#timeout()}):
 * its thread was interrupted (an isolated job's child killed) and the attempt failed. The message
 * text is the reason kept with the message, e.g. {@code timed out after 30 s}; the cause, when
 * there is one, is what the job threw when it was interrupted. Listeners get it as the cause of
 * {@code messageReleased} or {@code messageFailed}.
 */
public class JobTimeoutException extends JobQueueException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public JobTimeoutException(Duration timeout, String queueName, String messageId, Throwable cause) {
        super("timed out after " + readable(timeout), queueName, messageId, cause);
        this.timeout = timeout;
    }

    /** The timeout the job ran past. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * A duration the way a reason shows it: {@code 0.3 s}, {@code 1.5 s}, {@code 30 s}, {@code 90 s},
     * {@code 2 min}, {@code 3 h} (whole minutes and hours from a minute on, else seconds).
     */
    public static String readable(Duration duration) {
        if (duration.compareTo(Duration.ofMinutes(1)) >= 0 && duration.getNano() == 0) {
            long seconds = duration.getSeconds();
            if (seconds % 3600 == 0) {
                return seconds / 3600 + " h";
            }
            if (seconds % 60 == 0) {
                return seconds / 60 + " min";
            }
        }
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
        return seconds.stripTrailingZeros().toPlainString() + " s";
    }
}
