package io.jobqueue.beanstalkd.internal;

import java.nio.charset.StandardCharsets;

/**
 * How a message is stored in a job body. Normally the body is the payload's UTF-8 bytes and
 * nothing else, so other beanstalkd tools see the payload as it is. A message put again under an
 * id it already had (a retried failed message) carries a one-line header: byte {@code 0x01}, the
 * message id in decimal, {@code '\n'}, then the payload. A payload that itself starts with
 * {@code 0x01} gets the header with an empty id, so every body reads back unambiguously.
 */
public final class Bodies {

    private static final byte MARK = 0x01;
    private static final int MAX_ID_DIGITS = 19;

    private Bodies() {
    }

    /** The body of a freshly submitted message (its id will be the job id). */
    public static byte[] encode(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes[0] != MARK) {
            return bytes;
        }
        return withHeader("", bytes);
    }

    /** The body of a message that keeps the id {@code messageId} in a new job. */
    public static byte[] encode(String messageId, String payload) {
        return withHeader(messageId, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The message id a body names, or {@code String.valueOf(jobId)} when it names none. */
    public static String messageId(long jobId, byte[] body) {
        int newline = headerEnd(body);
        return newline <= 1 ? Long.toString(jobId) : new String(body, 1, newline - 1, StandardCharsets.US_ASCII);
    }

    /** The payload in a body. */
    public static String payload(byte[] body) {
        int newline = headerEnd(body);
        int start = newline < 0 ? 0 : newline + 1;
        return new String(body, start, body.length - start, StandardCharsets.UTF_8);
    }

    private static byte[] withHeader(String messageId, byte[] payload) {
        byte[] id = messageId.getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[2 + id.length + payload.length];
        body[0] = MARK;
        System.arraycopy(id, 0, body, 1, id.length);
        body[1 + id.length] = '\n';
        System.arraycopy(payload, 0, body, 2 + id.length, payload.length);
        return body;
    }

    /** The index of the header's newline, or -1 when the body has no header. */
    private static int headerEnd(byte[] body) {
        if (body.length == 0 || body[0] != MARK) {
            return -1;
        }
        for (int i = 1; i < body.length && i <= MAX_ID_DIGITS + 1; i++) {
            if (body[i] == '\n') {
                return i;
            }
            if (body[i] < '0' || body[i] > '9') {
                return -1;
            }
        }
        return -1;
    }
}
