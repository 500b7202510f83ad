package io.jobqueue.beanstalkd.internal;

import io.jobqueue.MessageTooLargeException;
import io.jobqueue.beanstalkd.BeanstalkdException;

/**
 * Turns the server's error replies into exceptions whose message says what happened, where, and
 * what to do. Every error word of the protocol has its own text; anything else a command may not
 * get is reported as an unexpected reply.
 */
final class ProtocolErrors {

    private ProtocolErrors() {
    }

    /**
     * The exception for an error reply or a reply {@code command} may not get.
     *
     * @param command the command as sent (first line), for the message
     */
    static BeanstalkdException of(Reply reply, String command, Endpoint endpoint) {
        String server = endpoint.describe();
        String queue = " (queue '" + endpoint.queueName() + "')";
        String text = switch (reply.word()) {
            case "OUT_OF_MEMORY" -> server + " is out of memory and cannot store the job" + queue
                    + "; try again later, or give the server more memory";
            case "INTERNAL_ERROR" -> server + " reported an internal error (a server bug) for '" + command + "'" + queue;
            case "DRAINING" -> server + " is in drain mode and accepts no new jobs" + queue
                    + "; try again later or use another server";
            case "BAD_FORMAT" -> server + " refused '" + command + "' as badly formatted" + queue
                    + "; a queue name must be a valid tube name of at most 200 bytes";
            case "UNKNOWN_COMMAND" -> server + " does not know the command '" + command + "'" + queue
                    + "; beanstalkd 1.12 or newer is needed";
            case "EXPECTED_CRLF" -> server + " expected CRLF after the data of '" + command + "'" + queue
                    + "; the job length sent did not match its data (a client bug)";
            case "JOB_TOO_BIG" -> server + " refused a job as too big" + queue;
            case "NOT_FOUND" -> server + " does not know the job or tube of '" + command + "'" + queue;
            case "DEADLINE_SOON" -> server + " answered DEADLINE_SOON to '" + command + "'" + queue
                    + ": this connection holds a job whose time to run is almost over";
            default -> server + " sent the unexpected reply '" + reply.line() + "' to '" + command + "'" + queue;
        };
        return new BeanstalkdException(text, endpoint.queueName(), reply.word(), null);
    }

    /** The exception for a job the server refused as too big; {@code limit} is -1 when unknown. */
    static MessageTooLargeException tooBig(long size, long limit, Endpoint endpoint) {
        String limitText = limit < 0 ? "its max-job-size" : "its max-job-size of " + limit + " bytes";
        return new MessageTooLargeException("a job of " + size + " bytes is bigger than " + limitText + " at "
                + endpoint.describe() + " (queue '" + endpoint.queueName()
                + "'); start beanstalkd with a larger -z and raise the queue option maxJobSize, or submit less",
                endpoint.queueName(), size, limit);
    }
}
