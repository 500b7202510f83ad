package io.jobqueue.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobqueue.JobManager;
import io.jobqueue.QueueManager;
import io.jobqueue.opentelemetry.TestJobs.RecordingJob;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace crosses JVMs through the message headers: this JVM submits to a SQLite file with
 * tracing, a second JVM runs {@code jobqueue job:work --limit 1} with the test-only
 * {@link FileExportingTracing} service entry on its class path, and its process span is a child of
 * this JVM's send span. The second JVM traces either through that entry or, with no code at all,
 * through {@link GlobalJobQueueTracing} over an SDK the {@code OTEL_*} variables configure.
 */
class CrossJvmTracingTest {

    private static final String Q = "reports";
    private static final long CHILD_TIMEOUT_SECONDS = 90;
    private static final TypeReference<Map<String, Object>> LINE = new TypeReference<>() { };

    @TempDir
    Path folder;

    @Test
    void jobWorkWithTheTestServiceEntry_putsItsProcessSpanUnderTheSubmittersSendSpan() throws Exception {
        Path config = configWithOneJdbcQueue();
        SpanData send = submitTraced(config);
        Path spans = folder.resolve("spans.jsonl");

        List<Map<String, Object>> exported = runJobWork(config, List.of("-D" + FileExportingTracing.SPAN_FILE + "=" + spans),
                Map.of(), spans);

        assertThat(exported).as("spans the worker JVM exported").singleElement().satisfies(process -> isProcessSpanUnder(send, process));
    }

    @Test
    void jobWorkConfiguredByOtelVariablesAlone_putsItsProcessSpanUnderTheSubmittersSendSpan() throws Exception {
        Path config = configWithOneJdbcQueue();
        SpanData send = submitTraced(config);
        Path spans = folder.resolve("autoconfigured-spans.jsonl");
        Map<String, String> environment = Map.of(
                "OTEL_JAVA_GLOBAL_AUTOCONFIGURE_ENABLED", "true",
                "OTEL_SERVICE_NAME", "report-worker",
                "OTEL_TRACES_EXPORTER", SpanLineExporterProvider.NAME,
                "OTEL_EXPORTER_JOBQUEUE_TEST_FILE", spans.toString(),
                "OTEL_METRICS_EXPORTER", "none",
                "OTEL_LOGS_EXPORTER", "none");

        List<Map<String, Object>> exported = runJobWork(config, List.of(), environment, spans);

        assertThat(exported).as("spans the worker JVM exported through GlobalJobQueueTracing")
                .singleElement().satisfies(process -> isProcessSpanUnder(send, process));
    }

    private Path configWithOneJdbcQueue() throws IOException {
        Path config = folder.resolve("jobqueue.yaml");
        Path database = folder.resolve("jobs.db");
        Files.writeString(config, "queues:\n  " + Q + ": {className: jdbc, options: {path: '" + database + "'}}\n");
        return config;
    }

    /** Submits one job to the SQLite queue under an application span, with tracing; returns the send span. */
    private static SpanData submitTraced(Path config) {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk openTelemetry = TestTelemetry.exportingTo(exporter);
             QueueManager queues = QueueManager.fromYaml(config)) {
            queues.getQueue(Q).setUp();
            JobManager jobs = new JobManager(queues).addInterceptor(JobQueueTracing.create(openTelemetry));
            Span request = openTelemetry.getTracer("test").spanBuilder("POST /reports").startSpan();
            try (Scope ignored = request.makeCurrent()) {
                jobs.queue(Q, new RecordingJob("cross"));
            } finally {
                request.end();
            }
            return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals("send " + Q)).findFirst().orElseThrow();
        }
    }

    private static void isProcessSpanUnder(SpanData send, Map<String, Object> process) {
        assertThat(process).containsEntry("name", "process " + Q).containsEntry("kind", "CONSUMER")
                .containsEntry("traceId", send.getTraceId()).containsEntry("parentSpanId", send.getSpanId());
        assertThat(process.get("attributes")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("messaging.system", "jdbc").containsEntry("messaging.destination.name", Q)
                .containsEntry("messaging.operation.type", "process")
                .containsEntry("messaging.message.id", send.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
                .containsEntry("jobqueue.message.releases", "0").containsEntry("jobqueue.message.deliveries", "1");
    }

    /**
     * Runs {@code job:work <queue> --limit 1} in a second JVM on this test's class path, with these
     * JVM options and environment variables; returns the spans it wrote to {@code spans}.
     */
    private List<Map<String, Object>> runJobWork(Path config, List<String> jvmOptions, Map<String, String> environment,
            Path spans) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", testClassPath(),
                "io.jobqueue.cli.JobQueueCli", "job:work", Q, "--limit", "1", "--config", config.toString()));
        Path output = folder.resolve("job-work.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("OTEL_")); // only what the test sets
        builder.environment().putAll(environment);
        Process child = builder.start();
        try {
            boolean exited = child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(exited).as("job:work exited within %d s; its output:%n%s", CHILD_TIMEOUT_SECONDS, log).isTrue();
            assertThat(child.exitValue()).as("exit code of job:work; its output:%n%s", log).isZero();
        } finally {
            child.destroyForcibly();
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        if (Files.exists(spans)) {
            for (String line : Files.readAllLines(spans, StandardCharsets.UTF_8)) {
                lines.add(json.readValue(line, LINE));
            }
        }
        return lines;
    }

    /** Surefire may start the test JVM through a manifest-only jar; it passes the real class path in this property. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
