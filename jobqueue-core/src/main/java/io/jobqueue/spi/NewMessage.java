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
}
