package io.jobqueue.redis.internal;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns the flat array replies of the scripts into messages. */
final class Replies {

    private Replies() {
    }

    /** {@code id, payload, releases} triples starting at {@code from}. */
    static List<Message> messages(List<Object> reply, int from) {
        int count = (reply.size() - from) / 3;
        if (count <= 0) {
            return List.of();
        }
        List<Message> messages = new ArrayList<>(count);
        for (int i = from; i + 2 < reply.size(); i += 3) {
            messages.add(new Message(text(reply.get(i)), text(reply.get(i + 1)), Integer.parseInt(text(reply.get(i + 2)))));
        }
        return messages;
    }

    /** {@code id, payload, releases, reason, failedAt (µs)} quintuples. */
    static List<FailedMessage> failed(List<Object> reply) {
        List<FailedMessage> failed = new ArrayList<>(reply.size() / 5);
        for (int i = 0; i + 4 < reply.size(); i += 5) {
            Message message = new Message(text(reply.get(i)), text(reply.get(i + 1)), Integer.parseInt(text(reply.get(i + 2))));
            long micros = new BigDecimal(text(reply.get(i + 4))).longValue();
            Instant failedAt = Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L);
            failed.add(new FailedMessage(message, text(reply.get(i + 3)), failedAt));
        }
        return failed;
    }

    /** The strings of a reply that is a list of ids. */
    static List<String> strings(List<Object> reply) {
        List<String> strings = new ArrayList<>(reply.size());
        for (Object element : reply) {
            strings.add(text(element));
        }
        return strings;
    }

    /** An integer element of a reply. */
    static long number(Object element) {
        return element instanceof Long l ? l : Long.parseLong(text(element));
    }

    private static String text(Object element) {
        return element == null ? "" : element.toString();
    }
}
