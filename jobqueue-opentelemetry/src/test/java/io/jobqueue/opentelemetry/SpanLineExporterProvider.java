package io.jobqueue.opentelemetry;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;

/**
 * A test-only exporter for the SDK's autoconfiguration: {@code OTEL_TRACES_EXPORTER=jobqueue-test-file}
 * writes spans as {@link SpanLineExporter} does, to the file that {@code OTEL_EXPORTER_JOBQUEUE_TEST_FILE}
 * names, as an application would pick {@code otlp} with {@code OTEL_EXPORTER_OTLP_ENDPOINT}.
 */
public final class SpanLineExporterProvider implements ConfigurableSpanExporterProvider {

    /** The exporter's name in {@code OTEL_TRACES_EXPORTER}. */
    static final String NAME = "jobqueue-test-file";
    /** The setting naming the file ({@code OTEL_EXPORTER_JOBQUEUE_TEST_FILE} as an environment variable). */
    static final String FILE = "otel.exporter.jobqueue.test.file";

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        return new SpanLineExporter(Path.of(config.getString(FILE)));
    }

    @Override
    public String getName() {
        return NAME;
    }
}
