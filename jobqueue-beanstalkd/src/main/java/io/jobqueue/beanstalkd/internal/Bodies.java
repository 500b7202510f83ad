package io.jobqueue.beanstalkd.internal;

import io.jobqueue.Message;
import io.jobqueue.spi.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How a message is stored in a job body. Normally the body is the payload's UTF-8 bytes and
 * nothing else, so other beanstalkd tools see the payload as it is. A body that must say more
 * starts with one header line: byte {@code 0x01}, the message id in decimal when the message keeps
 * an id it already had in a new job (a retried failed message; empty otherwise), then, when the
 * message has headers, a space and the headers as one line of JSON ({@link Headers#encode}),
 * then {@code '\n'} and the payload. A payload that itself starts with {@code 0x01} gets the line
 * too (empty when nothing else needs saying), so every body reads back unambiguously.
 *
 * <p>Bodies of the previous version ({@code 0x01}, id, {@code '\n'}, payload) are the same format
 * without headers. A body that starts with {@code 0x01} but has no well-formed header line
 * (another tool's) is read whole as the payload.
 */
public final class Bodies {

    private static final byte MARK = 0x01;
    private static final int MAX_ID_DIGITS = 19;

    private Bodies() {
    }

    /**
     * What a body holds.
     *
     * @param messageId the id the body names, or null when the job id is the message id
     * @param headers   the message's headers, empty when none
     * @param payload   the payload
     */
    public record Decoded(String messageId, Map<String, String> headers, String payload) {
    }

    /**
     * The body of a message.
     *
     * @param messageId the id the message keeps in a new job, or null for a new message (its id will be the job id)
     */
    public static byte[] encode(String messageId, Map<String, String> headers, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        String json = Headers.encode(headers);
        if (messageId == null && json == null && (bytes.length == 0 || bytes[0] != MARK)) {
            return bytes;
        }
        String line = (messageId == null ? "" : messageId) + (json == null ? "" : " " + json);
        byte[] header = line.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + header.length + bytes.length];
        body[0] = MARK;
        System.arraycopy(header, 0, body, 1, header.length);
        body[1 + header.length] = '\n';
        System.arraycopy(bytes, 0, body, 2 + header.length, bytes.length);
        return body;
    }

    /** Reads a body; never fails (a body without a well-formed header line is all payload). */
    public static Decoded decode(byte[] body) {
        if (body.length == 0 || body[0] != MARK) {
            return plain(body);
        }
        int i = 1;
        while (i < body.length && i <= MAX_ID_DIGITS && body[i] >= '0' && body[i] <= '9') {
            i++;
        }
        String id = i == 1 ? null : new String(body, 1, i - 1, StandardCharsets.US_ASCII);
        if (i < body.length && body[i] == '\n') {
            return new Decoded(id, Map.of(), text(body, i + 1));
        }
        if (i >= body.length || body[i] != ' ') {
            return plain(body);
        }
        int newline = indexOf(body, i + 1, (byte) '\n');
        if (newline < 0) {
            return plain(body);
        }
        try {
            Map<String, String> headers = Headers.decode(new String(body, i + 1, newline - i - 1, StandardCharsets.UTF_8));
            return headers == null ? plain(body) : new Decoded(id, headers, text(body, newline + 1));
        } catch (IllegalArgumentException e) {
            return plain(body); // not our header line: the whole body is the payload
        }
    }

    /** The message a job holds, with its counts from {@code stats} (none when null) and {@code token} ("" when not reserved). */
    static Message message(RawJob job, JobStats stats, String token) {
        Decoded decoded = decode(job.body());
        String id = decoded.messageId() != null ? decoded.messageId() : Long.toString(job.id());
        int releases = stats == null ? 0 : stats.numberOfReleases();
        int deliveries = stats == null ? 0 : stats.numberOfDeliveries();
        return new Message(id, decoded.payload(), decoded.headers(), releases, deliveries, token);
    }

    private static Decoded plain(byte[] body) {
        return new Decoded(null, Map.of(), text(body, 0));
    }

    private static String text(byte[] body, int from) {
        return new String(body, from, body.length - from, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, int from, byte wanted) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
