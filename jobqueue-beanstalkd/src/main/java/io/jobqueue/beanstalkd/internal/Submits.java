package io.jobqueue.beanstalkd.internal;

import io.jobqueue.Message;
import io.jobqueue.SubmitOptions;
import io.jobqueue.beanstalkd.BeanstalkdOptions;
import io.jobqueue.spi.OptionValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns payloads and {@link SubmitOptions} into what {@code put} needs, checking everything before
 * anything is sent: the priority (0 to 2^31 − 1), the only extra beanstalkd knows ({@code ttr},
 * seconds), and each body against the queue's {@code maxJobSize} (less {@link #BINLOG_RESERVE}). Also the take path: stats and
 * delete of just reserved jobs in one round trip.
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
    private final BeanstalkdOptions options;

    public Submits(String queueName, BeanstalkdOptions options) {
        this.queueName = queueName;
        this.options = options;
    }

    /** What one pipelined batch of puts sends. */
    public record Plan(long priority, long delaySeconds, long ttrSeconds, List<byte[]> bodies) {
    }

    /**
     * Checks and encodes a batch.
     *
     * @throws IllegalArgumentException for a negative priority or an unknown or bad extra
     * @throws io.jobqueue.beanstalkd.JobTooBigException for a body above {@code maxJobSize}
     */
    public Plan plan(List<String> payloads, SubmitOptions submitOptions) {
        long ttr = Math.max(1, Timeouts.wholeSecondsUp(options.ttr()));
        for (Map.Entry<String, Object> extra : submitOptions.extras().entrySet()) {
            if (!EXTRAS.contains(extra.getKey())) {
                throw new IllegalArgumentException("unknown submit option '" + extra.getKey() + "' for beanstalkd queue '"
                        + queueName + "'" + OptionValues.suggestion(extra.getKey(), EXTRAS));
            }
            ttr = Math.max(1, Timeouts.wholeSecondsUp(OptionValues.seconds("ttr", extra.getValue())));
        }
        List<byte[]> bodies = new ArrayList<>(payloads.size());
        int largest = options.maxJobSize() - BINLOG_RESERVE;
        for (String payload : payloads) {
            byte[] body = Bodies.encode(payload);
            if (body.length > largest) {
                throw new io.jobqueue.beanstalkd.JobTooBigException("a payload of " + body.length
                        + " bytes is bigger than beanstalkd queue '" + queueName + "' sends: at most " + largest
                        + " bytes, its option maxJobSize (" + options.maxJobSize() + ", the server's -z) less "
                        + BINLOG_RESERVE + " (a job that fills -z is lost when the server replays its binlog); "
                        + "raise maxJobSize together with beanstalkd's -z, or submit less",
                        queueName, body.length, largest);
            }
            bodies.add(body);
        }
        return new Plan(checkPriority(submitOptions.priority()), Timeouts.wholeSecondsUp(submitOptions.delay()), ttr, bodies);
    }

    /** Beanstalkd priorities are unsigned: 0 (most urgent) and up. */
    public static int checkPriority(int priority) {
        if (priority < 0) {
            throw new IllegalArgumentException("priority must be 0 or more for beanstalkd (0 is most urgent), was " + priority);
        }
        return priority;
    }

    /** For a take: deletes the fetched jobs (pipelined) and returns them as messages. */
    static List<Message> delete(BeanstalkClient client, List<RawJob> jobs, List<JobStats> stats) {
        long[] ids = new long[jobs.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = jobs.get(i).id();
        }
        client.deleteAll(ids);
        List<Message> messages = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            RawJob job = jobs.get(i);
            JobStats jobStats = stats.get(i);
            messages.add(new Message(Bodies.messageId(job.id(), job.body()), Bodies.payload(job.body()),
                    jobStats == null ? 0 : jobStats.releases()));
        }
        return messages;
    }
}
