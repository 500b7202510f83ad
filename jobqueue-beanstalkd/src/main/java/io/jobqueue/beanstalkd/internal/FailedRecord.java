package io.jobqueue.beanstalkd.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A record in a queue's index tube that says why a message failed: one header line
 * {@code jq1 <job id> <message id> <buries> <epoch millis>} and then the reason as UTF-8. The
 * reason is cut (at a character boundary) so the record fits the job size limit.
 *
 * @param recordId  the record's own job id in the index tube
 * @param jobId     the buried job
 * @param messageId the message id the job carries
 * @param buries    the buried job's bury count right after this abort; a record whose job shows
 *                  another count is stale
 * @param failedAt  when it was aborted
 * @param reason    why
 */
record FailedRecord(long recordId, long jobId, String messageId, long buries, Instant failedAt, String reason) {

    /** The time to run of a record while a scan holds it (a dead scanner's records come back at once). */
    static final long TTR_SECONDS = 120;

    private static final int HEADER_ROOM = 100;

    static byte[] encode(long jobId, String messageId, long buries, Instant failedAt, String reason, int maxSize) {
        byte[] header = ("jq1 " + jobId + " " + messageId + " " + buries + " " + failedAt.toEpochMilli() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] text = cut(reason == null ? "" : reason, Math.max(0, Math.min(maxSize, 65_535) - HEADER_ROOM));
        byte[] record = new byte[header.length + text.length];
        System.arraycopy(header, 0, record, 0, header.length);
        System.arraycopy(text, 0, record, header.length, text.length);
        return record;
    }

    /** Reads a record, or returns null for a job in the index tube that is not one. */
    static FailedRecord decode(long recordId, byte[] body) {
        int newline = -1;
        for (int i = 0; i < body.length && i < HEADER_ROOM; i++) {
            if (body[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            return null;
        }
        String[] fields = new String(body, 0, newline, StandardCharsets.US_ASCII).split(" ");
        if (fields.length != 5 || !fields[0].equals("jq1")) {
            return null;
        }
        try {
            return new FailedRecord(recordId, Long.parseLong(fields[1]), fields[2], Long.parseLong(fields[3]),
                    Instant.ofEpochMilli(Long.parseLong(fields[4])),
                    new String(body, newline + 1, body.length - newline - 1, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The UTF-8 bytes of {@code text}, at most {@code max} of them, never splitting a character. */
    private static byte[] cut(String text, int max) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= max) {
            return bytes;
        }
        int end = max;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // bytes[end] continues a character: cut before that character starts
        }
        byte[] cut = new byte[end];
        System.arraycopy(bytes, 0, cut, 0, end);
        return cut;
    }
}
