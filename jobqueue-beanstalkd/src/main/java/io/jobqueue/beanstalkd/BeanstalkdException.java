package io.jobqueue.beanstalkd;

import io.jobqueue.BackendException;

/**
 * Beanstalkd could not be reached, the connection broke, or the server answered with an error
 * ({@code OUT_OF_MEMORY}, {@code DRAINING}, {@code INTERNAL_ERROR}, {@code BAD_FORMAT},
 * {@code UNKNOWN_COMMAND}, {@code EXPECTED_CRLF}, or a reply the protocol does not allow). The
 * message names the server, the queue and what to do; {@link #reply()} is the server's own word.
 */
public class BeanstalkdException extends BackendException {
    private static final long serialVersionUID = 1L;


    private final String reply;

    /**
     * @param reply the server's error reply (for example {@code DRAINING}), or null when the
     *              connection failed rather than the server
     */
    public BeanstalkdException(String message, String queueName, String reply, Throwable cause) {
        super(message, queueName, cause);
        this.reply = reply;
    }

    /** The server's error reply, e.g. {@code OUT_OF_MEMORY}; null for a connection failure. */
    public String reply() {
        return reply;
    }
}
