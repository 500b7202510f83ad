package io.jobqueue.opentelemetry;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThatThrownBy;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;

import io.jobqueue.JobExecutionException;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Message;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.SubmitOptions;
import io.jobqueue.opentelemetry.TestJobs.FalseReturningJob;
import io.jobqueue.opentelemetry.TestJobs.RecordingJob;
import io.jobqueue.opentelemetry.TestJobs.ThrowingJob;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Send and process spans around submits and executions on in-memory queues, with an in-memory exporter. */
class JobQueueTracingTest {

    private static final String Q = "mail";
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
    private static final AttributeKey<Long> RELEASES = AttributeKey.longKey("jobqueue.message.releases");
    private static final AttributeKey<Long> DELIVERIES = AttributeKey.longKey("jobqueue.message.deliveries");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private OpenTelemetrySdk openTelemetry;
    private QueueManager queues;
    private JobManager jobs;
    private String queueName;

    @BeforeEach
    void setUp() {
        openTelemetry = TestTelemetry.exportingTo(exporter);
        String prefix = "q-" + UUID.randomUUID() + "-";
        queueName = prefix + Q;
        queues = new QueueManager(JobQueueSettings.builder()
                .queue(Q, QueueSettings.builder().className("memory").queueNamePrefix(prefix).maximumNumberOfReleases(1)
                        .releaseOption("delay", 0).build()) // a released message is ready again at once
                .build());
        jobs = new JobManager(queues).addInterceptor(JobQueueTracing.create(openTelemetry));
        TestJobs.CURRENT_SPAN.clear();
        TestJobs.TENANT.clear();
    }

    @AfterEach
    void tearDown() {
        queues.close();
        openTelemetry.close();
    }

    @Test
    void submitAndExecute_giveASendAndAProcessSpanInOneTrace_withTheMessagingAttributes() {
        String id = jobs.queue(Q, new RecordingJob("a"));
        Message message = jobs.waitAndExecute(Q, Duration.ZERO).orElseThrow();

        SpanData send = only("send " + queueName);
        SpanData process = only("process " + queueName);
        assertThat(send).hasKind(SpanKind.PRODUCER).hasNoParent().hasAttributesSatisfyingExactly(
                equalTo(SYSTEM, "memory"), equalTo(DESTINATION, queueName), equalTo(OPERATION_TYPE, "send"),
                equalTo(OPERATION_NAME, "send"), equalTo(MESSAGE_ID, id));
        assertThat(process).hasKind(SpanKind.CONSUMER).hasParent(send).hasStatus(StatusData.unset())
                .hasAttributesSatisfyingExactly(
                        equalTo(SYSTEM, "memory"), equalTo(DESTINATION, queueName), equalTo(OPERATION_TYPE, "process"),
                        equalTo(OPERATION_NAME, "process"), equalTo(MESSAGE_ID, message.id()), equalTo(RELEASES, 0),
                        equalTo(DELIVERIES, 1));
        assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
        assertThat(process.getLinks()).as("linked to the submit context as well").singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(send.getTraceId());
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(send.getSpanId());
        });
    }

    @Test
    void submit_putsTheSendSpansContextInTheTraceparentHeader() {
        jobs.queue(Q, new RecordingJob("a"), SubmitOptions.DEFAULT.withHeader("tenant-id", "7"));
        Message message = jobs.waitAndExecute(Q, Duration.ZERO).orElseThrow();

        SpanData send = only("send " + queueName);
        assertThat(message.headers()).containsEntry("tenant-id", "7")
                .containsEntry("traceparent", "00-" + send.getTraceId() + "-" + send.getSpanId() + "-"
                        + send.getSpanContext().getTraceFlags().asHex());
    }

    @Test
    void submitUnderAnApplicationSpan_makesTheSendSpanItsChild_andTheBaggageReachesTheJob() {
        Span request = openTelemetry.getTracer("test").spanBuilder("POST /orders").startSpan();
        try (Scope ignored = Baggage.builder().put("tenant", "acme").build().storeInContext(
                io.opentelemetry.context.Context.current().with(request)).makeCurrent()) {
            jobs.queue(Q, new RecordingJob("a"));
        } finally {
            request.end();
        }
        jobs.waitAndExecute(Q, Duration.ZERO).orElseThrow();

        SpanData application = only("POST /orders");
        SpanData send = only("send " + queueName);
        assertThat(send).hasParent(application);
        assertThat(only("process " + queueName)).hasParent(send);
        assertThat(TestJobs.TENANT).containsEntry("a", "acme");
    }

    @Test
    void job_runsWithTheProcessSpanCurrent_soItsOwnSpansNestUnderIt() {
        jobs.queue(Q, new RecordingJob("a"));
        jobs.waitAndExecute(Q, Duration.ZERO).orElseThrow();

        SpanData process = only("process " + queueName);
        assertThat(TestJobs.CURRENT_SPAN.get("a")).isEqualTo(process.getSpanContext());
        assertThat(Span.current().getSpanContext().isValid()).as("the span is no longer current after the job").isFalse();
    }

    @Test
    void queueAll_givesOneSendSpanWithTheBatchCount_andEveryProcessSpanIsItsChild() {
        List<String> ids = jobs.queueAll(Q, List.of(new RecordingJob("a"), new RecordingJob("b"), new RecordingJob("c")),
                SubmitOptions.DEFAULT);
        for (int i = 0; i < ids.size(); i++) {
            jobs.waitAndExecute(Q, Duration.ZERO).orElseThrow();
        }

        SpanData send = only("send " + queueName);
        assertThat(send).hasAttribute(equalTo(BATCH_COUNT, 3)).hasAttributesSatisfying(attributes ->
                assertThat(attributes.get(MESSAGE_ID)).as("no single message id on a batch").isNull());
        List<SpanData> processes = named("process " + queueName);
        assertThat(processes).hasSize(3).allSatisfy(process -> assertThat(process).hasParent(send));
        assertThat(processes).extracting(p -> p.getAttributes().get(MESSAGE_ID)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void failingJob_endsItsSpanWithStatusErrorAndRecordsTheException() {
        jobs.queue(Q, new ThrowingJob("smtp is down"));

        assertThatThrownBy(() -> jobs.waitAndExecute(Q, Duration.ZERO)).isInstanceOf(JobExecutionException.class);

        assertThat(only("process " + queueName))
                .hasStatus(StatusData.create(StatusCode.ERROR, "smtp is down"))
                .hasAttribute(equalTo(ERROR_TYPE, IllegalStateException.class.getName()))
                .hasEventsSatisfyingExactly(event -> event.hasName("exception").hasAttributesSatisfying(
                        equalTo(AttributeKey.stringKey("exception.type"), IllegalStateException.class.getName()),
                        equalTo(AttributeKey.stringKey("exception.message"), "smtp is down")));
    }

    @Test
    void jobReturningFalse_endsItsSpanWithStatusError() {
        jobs.queue(Q, new FalseReturningJob("a"));

        assertThatThrownBy(() -> jobs.waitAndExecute(Q, Duration.ZERO)).isInstanceOf(JobExecutionException.class);

        assertThat(only("process " + queueName))
                .hasStatus(StatusData.create(StatusCode.ERROR, "the job returned false"))
                .hasAttribute(equalTo(ERROR_TYPE, "returned_false"));
    }

    @Test
    void releasedMessage_runsAgainInTheSameTrace_withOneMoreReleaseAndDelivery() {
        jobs.queue(Q, new ThrowingJob("flaky"));
        assertThatThrownBy(() -> jobs.waitAndExecute(Q, Duration.ZERO)).isInstanceOf(JobExecutionException.class);
        assertThatThrownBy(() -> jobs.waitAndExecute(Q, Duration.ZERO)).isInstanceOf(JobExecutionException.class);

        SpanData send = only("send " + queueName);
        List<SpanData> processes = named("process " + queueName);
        assertThat(processes).hasSize(2).allSatisfy(process -> assertThat(process).hasParent(send));
        assertThat(processes.get(0)).hasAttribute(equalTo(RELEASES, 0)).hasAttribute(equalTo(DELIVERIES, 1));
        assertThat(processes.get(1)).hasAttribute(equalTo(RELEASES, 1)).hasAttribute(equalTo(DELIVERIES, 2));
    }

    @Test
    void messageWithoutTraceHeaders_getsAProcessSpanInANewTrace() {
        JobManager untraced = new JobManager(queues);
        untraced.queue(Q, new RecordingJob("a"));

        Message message = jobs.waitAndExecute(Q, Duration.ZERO).orElseThrow();

        assertThat(message.headers()).doesNotContainKey("traceparent");
        assertThat(exporter.getFinishedSpanItems()).singleElement().satisfies(process -> assertThat(process)
                .hasName("process " + queueName).hasKind(SpanKind.CONSUMER).hasNoParent().hasTotalRecordedLinks(0)
                .hasAttribute(equalTo(MESSAGE_ID, message.id())));
        assertThat(TestJobs.CURRENT_SPAN.get("a").getTraceId()).isEqualTo(only("process " + queueName).getTraceId());
    }

    @Test
    void submitWhoseHeadersLeaveNoRoom_isSubmittedWithoutTraceContext_andItsSpanSaysSo() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < io.jobqueue.spi.Headers.MAX_COUNT; i++) {
            headers.put("h" + i, "v");
        }
        jobs.queue(Q, new RecordingJob("a"), SubmitOptions.DEFAULT.withHeaders(headers));
        Message message = jobs.waitAndExecute(Q, Duration.ZERO).orElseThrow();

        assertThat(message.headers()).hasSize(io.jobqueue.spi.Headers.MAX_COUNT).doesNotContainKey("traceparent");
        assertThat(only("send " + queueName)).hasEventsSatisfyingExactly(event -> event.hasName("jobqueue.propagation.skipped"));
        assertThat(only("process " + queueName)).hasNoParent();
    }

    @Test
    void failingSubmit_endsTheSendSpanWithStatusError_andThrowsWhatTheSubmitThrew() {
        SubmitOptions badHeader = SubmitOptions.DEFAULT.withHeader("not a name", "x");

        assertThatThrownBy(() -> jobs.queue(Q, new RecordingJob("a"), badHeader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a name");

        assertThat(only("send " + queueName)).hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR))
                .hasAttribute(equalTo(ERROR_TYPE, IllegalArgumentException.class.getName()));
    }

    @Test
    void noopOpenTelemetry_addsNoHeaders_andJobsRunAsBefore() {
        JobManager noop = new JobManager(queues).addInterceptor(JobQueueTracing.create(OpenTelemetry.noop()));
        noop.queue(Q, new RecordingJob("a"));

        Message message = noop.waitAndExecute(Q, Duration.ZERO).orElseThrow();

        assertThat(message.headers()).isEmpty();
        assertThat(TestJobs.CURRENT_SPAN).containsKey("a");
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
    }

    private SpanData only(String name) {
        List<SpanData> spans = named(name);
        assertThat(spans).as("spans named '%s' among %s", name, exporter.getFinishedSpanItems()).hasSize(1);
        return spans.get(0);
    }

    private List<SpanData> named(String name) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
    }
}
