package io.jobqueue.beanstalkd.internal;

import io.jobqueue.MessageTooLargeException;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.spi.OptionValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns new messages into the {@link Put}s that store them, checking everything before anything
 * is sent: the priority (0 to 2^31 − 1), the only extra beanstalkd knows ({@code ttr}, seconds),
 * and each body (payload and headers) against the queue's {@code maxJobSize} less
 * {@link #BINLOG_RESERVE}.
 */
public final class Submits {

    private static final List<String> EXTRAS = List.of("ttr");
    /**
     * Bytes kept free below {@code maxJobSize}: beanstalkd 1.12 accepts a job of up to {@code -z}
     * bytes but, replaying its binlog after a restart, refuses one of more than {@code -z} − 2
     * (it counts the CRLF) and drops every later job of that binlog file with it.
     */
    static final int BINLOG_RESERVE = 2;

    private final String queueName;
    private final int maxJobSize;
    private final long defaultTtrSeconds;

    /**
     * @param leaseTimeout the queue's lease: the time to run of a message without a {@code ttr} extra
     */
    public Submits(String queueName, int maxJobSize, Duration leaseTimeout) {
        this.queueName = queueName;
        this.maxJobSize = maxJobSize;
        this.defaultTtrSeconds = ttrSeconds(leaseTimeout);
    }

    /**
     * Checks and encodes a batch.
     *
     * @throws IllegalArgumentException for a negative priority or an unknown or bad extra
     * @throws MessageTooLargeException for a body above {@code maxJobSize} less {@link #BINLOG_RESERVE}
     */
    public List<Put> plan(List<NewMessage> messages) {
        List<Put> puts = new ArrayList<>(messages.size());
        int largest = maxJobSize - BINLOG_RESERVE;
        for (NewMessage message : messages) {
            SubmitOptions options = message.options();
            byte[] body = Bodies.encode(null, options.headers(), message.payload());
            if (body.length > largest) {
                throw new MessageTooLargeException("a message of " + body.length + " bytes (payload and headers) is bigger"
                        + " than beanstalkd queue '" + queueName + "' sends: at most " + largest + " bytes, its option"
                        + " maxJobSize (" + maxJobSize + ", the server's -z) less " + BINLOG_RESERVE + " (a job that fills -z"
                        + " is lost when the server replays its binlog); raise maxJobSize together with beanstalkd's -z, or"
                        + " submit less", queueName, body.length, largest);
            }
            puts.add(new Put(checkPriority(options.priority()), Timeouts.wholeSecondsUp(options.delay()), ttr(options), body));
        }
        return puts;
    }

    /** Beanstalkd priorities are unsigned: 0 (most urgent) and up. */
    public static int checkPriority(int priority) {
        if (priority < 0) {
            throw new IllegalArgumentException("priority must be 0 or more for beanstalkd (0 is most urgent), was " + priority);
        }
        return priority;
    }

    private long ttr(SubmitOptions options) {
        long ttr = defaultTtrSeconds;
        for (Map.Entry<String, Object> extra : options.extras().entrySet()) {
            if (!EXTRAS.contains(extra.getKey())) {
                throw new IllegalArgumentException("unknown submit option '" + extra.getKey() + "' for beanstalkd queue '"
                        + queueName + "'" + OptionValues.suggestion(extra.getKey(), EXTRAS));
            }
            ttr = ttrSeconds(OptionValues.seconds("ttr", extra.getValue()));
        }
        return ttr;
    }

    /** A time to run in whole seconds, rounded up, at least 1. */
    private static long ttrSeconds(Duration duration) {
        return Math.max(1, Timeouts.wholeSecondsUp(duration));
    }
}
