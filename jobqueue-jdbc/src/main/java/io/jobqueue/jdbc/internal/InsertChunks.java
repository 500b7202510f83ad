package io.jobqueue.jdbc.internal;

import io.jobqueue.spi.Headers;
import io.jobqueue.spi.NewMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a submit into multi-row inserts of at most {@value #MAX_ROWS} rows and about
 * {@value #MAX_CHARS} characters each, so a batch of many large messages never makes one statement
 * larger than a server accepts (MariaDB's {@code max_allowed_packet}) while each message alone fits.
 */
final class InsertChunks {

    static final int MAX_ROWS = 500;
    static final int MAX_CHARS = 1 << 18;

    private InsertChunks() {
    }

    /** The messages in insert chunks, in order; a message larger than a chunk gets a chunk of its own. */
    static List<List<NewMessage>> of(List<NewMessage> messages) {
        List<List<NewMessage>> chunks = new ArrayList<>();
        List<NewMessage> chunk = new ArrayList<>();
        long chars = 0;
        for (NewMessage message : messages) {
            long size = chars(message);
            if (!chunk.isEmpty() && (chunk.size() == MAX_ROWS || chars + size > MAX_CHARS)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                chars = 0;
            }
            chunk.add(message);
            chars += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** The UTF-8 size of the largest message (payload and headers), for a "too large" error. */
    static long largestBytes(List<NewMessage> messages) {
        long largest = 0;
        for (NewMessage message : messages) {
            String headers = Headers.encode(message.options().headers());
            long bytes = message.payload().getBytes(StandardCharsets.UTF_8).length
                    + (headers == null ? 0 : headers.getBytes(StandardCharsets.UTF_8).length);
            largest = Math.max(largest, bytes);
        }
        return largest;
    }

    private static long chars(NewMessage message) {
        long headers = 0;
        for (var header : message.options().headers().entrySet()) {
            headers += header.getKey().length() + header.getValue().length();
        }
        return message.payload().length() + headers;
    }
}
