package io.jobqueue.beanstalkd.internal;

import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds one message of the queue's tube by its id: {@code stats-job <id>} and {@code peek <id>},
 * pipelined in one round trip on an idle connection, tell the job's tube, state, counts, body and
 * the seconds left of its delay or time to run. A job of another tube, or one whose body carries
 * another message id, is not this queue's message with that id; a failed message's reason comes
 * from the failed store's index, which also knows failed messages that moved to a new job when they
 * were retried earlier.
 */
public final class MessageLookup {

    private static final int MAX_ID_DIGITS = 19;

    private final ConnectionPool pool;
    private final String tube;
    private final FailedStore failedStore;

    public MessageLookup(ConnectionPool pool, String tube, FailedStore failedStore) {
        this.pool = pool;
        this.tube = tube;
        this.failedStore = failedStore;
    }

    /** The message with this id and its state; empty for an id that is not a job id, or no message of this tube. */
    public Optional<MessageInfo> find(String messageId) {
        long jobId = parseExact(messageId);
        if (jobId <= 0) {
            return Optional.empty();
        }
        Found found = look(jobId);
        if (found != null && found.message.id().equals(messageId)) {
            Instant left = Instant.now().plusSeconds(found.secondsLeft);
            switch (found.stats.state()) {
                case "ready":
                    return Optional.of(MessageInfo.ready(found.message));
                case "delayed":
                    return Optional.of(MessageInfo.delayed(found.message, left));
                case "reserved":
                    return Optional.of(MessageInfo.reserved(found.message, left));
                case "buried":
                    return Optional.of(failedStore.find(messageId).map(MessageInfo::failed)
                            .orElse(MessageInfo.failed(found.message, "", null)));
                default:
                    return Optional.empty();
            }
        }
        return failedStore.find(messageId).map(MessageInfo::failed);
    }

    /** The job of this tube with that id, or null when there is none (or it lives in another tube). */
    private Found look(long jobId) {
        BeanstalkClient client = pool.borrow();
        try {
            client.queueCommand("stats-job " + jobId);
            client.queueCommand("peek " + jobId);
            Reply statsReply = client.next();
            Reply peekReply = client.next();
            Found found = null;
            if (!statsReply.is("NOT_FOUND") && !peekReply.is("NOT_FOUND")) {
                Reply ok = client.expect(statsReply, "stats-job " + jobId, "OK");
                JobStats stats = JobStats.parse(ok.body());
                RawJob job = BeanstalkClient.toJob(client.expect(peekReply, "peek " + jobId, "FOUND"));
                if (stats.tube().equals(tube)) {
                    found = new Found(stats, Bodies.message(job, stats, ""), secondsLeft(ok));
                }
            }
            pool.giveBack(client);
            return found;
        } catch (RuntimeException e) {
            pool.giveBack(client);
            throw e;
        }
    }

    private static long secondsLeft(Reply stats) {
        try {
            return Math.max(0, Long.parseLong(stats.dictionary().getOrDefault("time-left", "0").trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The job id an id names exactly as this backend prints ids (decimal, no sign, no leading zero), or -1. */
    public static long parseExact(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_ID_DIGITS || text.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private record Found(JobStats stats, Message message, long secondsLeft) {
    }
}
