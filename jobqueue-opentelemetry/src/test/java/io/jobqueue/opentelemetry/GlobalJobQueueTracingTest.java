package io.jobqueue.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jobqueue.JobInterceptor;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Message;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.opentelemetry.TestJobs.RecordingJob;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service-listed interceptor traces with GlobalOpenTelemetry once it is set, and never sets it itself. */
class GlobalJobQueueTracingTest {

    private static final String Q = "mail";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private OpenTelemetrySdk openTelemetry;
    private QueueManager queues;
    private JobManager jobs;

    @BeforeEach
    void setUp() {
        GlobalOpenTelemetry.resetForTest();
        openTelemetry = TestTelemetry.exportingTo(exporter);
        queues = new QueueManager(JobQueueSettings.builder()
                .queue(Q, QueueSettings.builder().className("memory").queueNamePrefix("q-" + UUID.randomUUID() + "-").build())
                .build());
        jobs = new JobManager(queues);
    }

    @AfterEach
    void tearDown() {
        GlobalOpenTelemetry.resetForTest();
        queues.close();
        openTelemetry.close();
    }

    @Test
    void discoveredInterceptors_includeTheGlobalTracing_asJobWorkFindsIt() {
        List<JobInterceptor> found = jobs.addDiscoveredInterceptors(getClass().getClassLoader());

        assertThat(found).hasAtLeastOneElementOfType(GlobalJobQueueTracing.class);
    }

    @Test
    void withoutAGlobalInstance_proceedsUntraced_andLeavesTheGlobalUnset() {
        assumeFalse(Boolean.parseBoolean(System.getenv("OTEL_JAVA_GLOBAL_AUTOCONFIGURE_ENABLED")),
                "this environment asks for global autoconfiguration");
        jobs.addInterceptor(new GlobalJobQueueTracing());
        jobs.queue(Q, new RecordingJob("a"));

        Message message = jobs.waitAndExecute(Q, Duration.ZERO).orElseThrow();

        assertThat(message.headers()).doesNotContainKey("traceparent");
        assertThat(GlobalOpenTelemetry.isSet()).as("a later GlobalOpenTelemetry.set still works").isFalse();
    }

    @Test
    void globalInstanceSetAfterTheInterceptorWasMade_isUsedFromThenOn() {
        jobs.addInterceptor(new GlobalJobQueueTracing());
        GlobalOpenTelemetry.set(openTelemetry);
        jobs.queue(Q, new RecordingJob("a"));

        jobs.waitAndExecute(Q, Duration.ZERO).orElseThrow();

        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).extracting(SpanData::getKind).containsExactly(SpanKind.PRODUCER, SpanKind.CONSUMER);
        assertThat(spans.get(1).getParentSpanId()).isEqualTo(spans.get(0).getSpanId());
        assertThat(spans.get(0).getInstrumentationScopeInfo().getName()).isEqualTo(JobQueueTracing.INSTRUMENTATION_NAME);
    }
}
