package io.jobqueue.redis.internal;

import io.jobqueue.DelayedMessage;
import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.spi.Headers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the replies of one queue's scripts into messages. A reserve reply holds one list per field
 * ({@code reserve.lua}); the others are flat, six elements a message (id, payload, releases,
 * deliveries, token, headers; see {@code put_unreserved} in {@code prelude.lua}).
 *
 * <p>Stored headers that are not a JSON object of strings (written by hand or by another program)
 * are read as no headers, so the message is still delivered and never stalls the queue; the first
 * such message of this queue instance is logged at WARN with the queue and its id, later ones at
 * DEBUG. Thread-safe.
 */
final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);
    private static final int MESSAGE = 6;
    private static final int FAILED = MESSAGE + 2;
    private static final int DELAYED = MESSAGE + 1;

    private final String queueName;
    private final AtomicBoolean corruptHeadersLogged = new AtomicBoolean();

    Replies(String queueName) {
        this.queueName = queueName;
    }

    /**
     * The messages of a reserve reply {@code {0, token, ids, payloads, releases, lapses, headers}},
     * in order, without those whose payload was missing. A field list may be empty (no message of
     * the queue has the field); each delivery is the releases and lapses before it plus this one.
     */
    List<Message> reserved(List<Object> reply) {
        String token = text(reply.get(1));
        List<?> ids = (List<?>) reply.get(2);
        List<?> payloads = (List<?>) reply.get(3);
        List<?> releases = (List<?>) reply.get(4);
        List<?> lapses = (List<?>) reply.get(5);
        List<?> headers = (List<?>) reply.get(6);
        List<Message> messages = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Object payload = payloads.get(i);
            if (payload == null) {
                continue;
            }
            String id = text(ids.get(i));
            int released = (int) count(releases, i);
            int delivered = released + (int) count(lapses, i) + 1;
            messages.add(new Message(id, payload.toString(), headers(id, field(headers, i)), released, delivered, token));
        }
        return messages;
    }

    /** The messages of a flat reply, starting at element {@code from}. */
    List<Message> messages(List<Object> reply, int from) {
        int count = (reply.size() - from) / MESSAGE;
        if (count <= 0) {
            return List.of();
        }
        List<Message> messages = new ArrayList<>(count);
        for (int i = from; i + MESSAGE <= reply.size(); i += MESSAGE) {
            messages.add(message(reply, i));
        }
        return messages;
    }

    /** Failed messages: a message, its reason and failedAt in µs, each. */
    List<FailedMessage> failed(List<Object> reply) {
        List<FailedMessage> failed = new ArrayList<>(reply.size() / FAILED);
        for (int i = 0; i + FAILED <= reply.size(); i += FAILED) {
            failed.add(new FailedMessage(message(reply, i), text(reply.get(i + MESSAGE)), micros(reply.get(i + MESSAGE + 1))));
        }
        return failed;
    }

    /** Delayed messages: a message and its due time in the server's milliseconds, each. */
    List<DelayedMessage> delayed(List<Object> reply) {
        List<DelayedMessage> delayed = new ArrayList<>(reply.size() / DELAYED);
        for (int i = 0; i + DELAYED <= reply.size(); i += DELAYED) {
            delayed.add(new DelayedMessage(message(reply, i), Instant.ofEpochMilli(millis(reply.get(i + MESSAGE)))));
        }
        return delayed;
    }

    /**
     * The message of a find reply: empty for {@code {}}, else its state, a message, and the time
     * (or reason and time) of its state; see {@code find.lua}.
     */
    Optional<MessageInfo> found(List<Object> reply) {
        if (reply.size() < 1 + MESSAGE) {
            return Optional.empty();
        }
        Message message = message(reply, 1);
        int extra = 1 + MESSAGE;
        return Optional.of(switch (text(reply.get(0))) {
            case "delayed" -> MessageInfo.delayed(message, Instant.ofEpochMilli(millis(reply.get(extra))));
            case "reserved" -> MessageInfo.reserved(message, Instant.ofEpochMilli(millis(reply.get(extra))));
            case "failed" -> MessageInfo.failed(message, text(reply.get(extra)), micros(reply.get(extra + 1)));
            case "finished" -> MessageInfo.finished(message, micros(reply.get(extra)));
            case "cancelled" -> MessageInfo.cancelled(message, micros(reply.get(extra)));
            default -> MessageInfo.ready(message);
        });
    }

    /** The strings of a reply that is a list of ids. */
    static List<String> strings(List<Object> reply) {
        List<String> strings = new ArrayList<>(reply.size());
        for (Object element : reply) {
            strings.add(text(element));
        }
        return strings;
    }

    /** The ids of a reply that is a list of ids, in reply order. */
    static Set<String> ids(List<Object> reply) {
        Set<String> ids = new LinkedHashSet<>();
        for (Object element : reply) {
            ids.add(text(element));
        }
        return ids;
    }

    /** An integer element of a reply. */
    static long number(Object element) {
        return element instanceof Long l ? l : Long.parseLong(text(element));
    }

    private Message message(List<Object> reply, int at) {
        String id = text(reply.get(at));
        return new Message(id, text(reply.get(at + 1)), headers(id, text(reply.get(at + 5))),
                (int) number(reply.get(at + 2)), (int) number(reply.get(at + 3)), text(reply.get(at + 4)));
    }

    /** A score in the server's milliseconds (a sorted set's score may come as a decimal text). */
    private static long millis(Object element) {
        return new BigDecimal(text(element)).longValue();
    }

    /** A score in the server's microseconds, as an instant. */
    private static Instant micros(Object element) {
        long micros = new BigDecimal(text(element)).longValue();
        return Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L);
    }

    private static long count(List<?> column, int i) {
        Object value = column.isEmpty() ? null : column.get(i);
        return value == null ? 0 : number(value);
    }

    private static String field(List<?> column, int i) {
        return column.isEmpty() ? "" : text(column.get(i));
    }

    private Map<String, String> headers(String id, String stored) {
        try {
            return Headers.decode(stored);
        } catch (IllegalArgumentException e) {
            String text = "stored headers of message " + id + " of queue '" + queueName + "' are unreadable and are read as"
                    + " none (" + e.getMessage() + ")";
            if (corruptHeadersLogged.compareAndSet(false, true)) {
                LOG.warn("{}; later such messages of this queue are logged at DEBUG", text);
            } else {
                LOG.debug(text);
            }
            return Map.of();
        }
    }

    private static String text(Object element) {
        return element == null ? "" : element.toString();
    }
}
