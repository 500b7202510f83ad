package io.jobqueue.opentelemetry.internal;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Map;

/** Reads propagation fields from a message's headers and writes them into a map of new headers. */
final class HeaderCarrier {

    /** Writes into a mutable map; a propagator calls it once per field. */
    static final TextMapSetter<Map<String, String>> SETTER = (headers, name, value) -> {
        if (headers != null) {
            headers.put(name, value);
        }
    };

    /** Reads a message's headers as they were submitted (names are exact, as the propagators write them). */
    static final TextMapGetter<Map<String, String>> GETTER = (headers, name) -> headers == null ? null : headers.get(name);

    private HeaderCarrier() {
    }
}
