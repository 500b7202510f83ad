package io.jobqueue.opentelemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends each finished span to a file as one line of JSON (trace id, span id, parent span id,
 * name, kind, attributes as strings), so a test in another JVM can read what this one traced.
 */
final class SpanLineExporter implements SpanExporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    SpanLineExporter(Path file) {
        this.file = file;
    }

    /** One span as {@link #export} writes it. */
    static Map<String, Object> line(SpanData span) {
        Map<String, String> attributes = new LinkedHashMap<>();
        span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("traceId", span.getTraceId());
        line.put("spanId", span.getSpanId());
        line.put("parentSpanId", span.getParentSpanId());
        line.put("name", span.getName());
        line.put("kind", span.getKind().name());
        line.put("attributes", attributes);
        return line;
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        StringBuilder lines = new StringBuilder();
        try {
            for (SpanData span : spans) {
                lines.append(JSON.writeValueAsString(line(span))).append('\n');
            }
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spans to " + file, e);
        }
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
