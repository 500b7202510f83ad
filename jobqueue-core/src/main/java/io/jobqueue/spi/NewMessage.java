package io.jobqueue.spi;

import io.jobqueue.SubmitOptions;
import java.util.Objects;

/**
 * One message to submit, as the core hands it to {@link QueueBackend#submit}: payload and options
 * (delay, priority, extras and headers) already checked.
 *
 * @param payload the UTF-8 text to store unchanged
 * @param options how to submit it
 */
public record NewMessage(String payload, SubmitOptions options) {

    public NewMessage {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(options, "options");
    }

    /** The unique key, or null when the message has none. */
    public String uniqueKey() {
        return options.headers().get(Headers.UNIQUE_KEY);
    }

    /** The scope of the unique key ({@link io.jobqueue.UniqueScope#ACTIVE} when none is given). */
    public io.jobqueue.UniqueScope uniqueScope() {
        return options.uniqueScope();
    }

    /** The concurrency key, or null when the message has none. */
    public String concurrencyKey() {
        return options.headers().get(Headers.CONCURRENCY_KEY);
    }
}
