package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Interceptors wrap every submit and execution, in the order they were added; the MDC names the running job. */
class JobInterceptorTest {

    static final String Q = "intercepted";
    static final Map<String, Map<String, String>> SEEN_MDC = new ConcurrentHashMap<>();

    private QueueManager queues;
    private JobManager jobs;

    /** A job that records the MDC it runs with, and fails when told to. */
    record RecordingJob(String key, boolean fail) implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            SEEN_MDC.put(key, Map.copyOf(MDC.getCopyOfContextMap()));
            if (fail) {
                throw new IllegalStateException("made to fail");
            }
            return true;
        }

        @Override
        public String label() {
            return "RecordingJob " + key;
        }
    }

    /** Adds a header on submit and records the order of the calls around an execution. */
    static final class Tagging implements JobInterceptor {
        private final String name;
        private final List<String> calls;

        Tagging(String name, List<String> calls) {
            this.name = name;
            this.calls = calls;
        }

        @Override
        public List<String> aroundSubmit(Queue queue, int count, SubmitOptions options, Submission submission) {
            calls.add(name + " submit " + count);
            return submission.proceed(options.withHeader("by-" + name, queue.name()));
        }

        @Override
        public boolean aroundExecution(Queue queue, Message message, Execution execution) throws Exception {
            calls.add(name + " before " + message.headers().get("by-" + name));
            try {
                return execution.proceed();
            } finally {
                calls.add(name + " after");
            }
        }
    }

    @BeforeEach
    void setUp() {
        queues = new QueueManager(JobQueueSettings.builder()
                .queue(Q, QueueSettings.builder().className("memory").queueNamePrefix("q-" + UUID.randomUUID() + "-")
                        .maximumNumberOfReleases(0).build())
                .build());
        jobs = new JobManager(queues);
        SEEN_MDC.clear();
    }

    @AfterEach
    void tearDown() {
        queues.close();
    }

    @Test
    void interceptors_nestInTheOrderTheyWereAdded_aroundSubmitAndExecution() {
        List<String> calls = new CopyOnWriteArrayList<>();
        jobs.addInterceptor(new Tagging("outer", calls)).addInterceptor(new Tagging("inner", calls));

        jobs.queueAll(Q, List.of(new RecordingJob("a", false), new RecordingJob("b", false)), SubmitOptions.DEFAULT);
        jobs.waitAndExecute(Q, Duration.ZERO);

        String queueName = queues.getQueue(Q).name();
        assertThat(calls).containsExactly("outer submit 2", "inner submit 2",
                "outer before " + queueName, "inner before " + queueName, "inner after", "outer after");
        assertThat(queues.getQueue(Q).peek(1)).singleElement()
                .satisfies(m -> assertThat(m.headers()).containsOnlyKeys("by-outer", "by-inner"));
    }

    @Test
    void whatAJobThrows_passesThroughTheInterceptor_andDecidesTheOutcome() {
        List<String> calls = new CopyOnWriteArrayList<>();
        jobs.addInterceptor(new Tagging("only", calls));
        jobs.queue(Q, new RecordingJob("failing", true));

        assertThatThrownBy(() -> jobs.waitAndExecute(Q, Duration.ZERO)).isInstanceOf(JobExecutionException.class)
                .hasRootCauseMessage("made to fail");

        assertThat(calls).endsWith("only after");
        assertThat(queues.getQueue(Q).countFailed()).isEqualTo(1);
    }

    @Test
    void whileAJobRuns_theMdcNamesTheQueueTheMessageAndTheJob_andIsClearedAfter() {
        MDC.put("app", "kept");
        String id = jobs.queue(Q, new RecordingJob("mdc", false));

        jobs.waitAndExecute(Q, Duration.ZERO);

        assertThat(SEEN_MDC.get("mdc")).containsEntry("jobqueue.queue", Q).containsEntry("jobqueue.messageId", id)
                .containsEntry("jobqueue.job", "RecordingJob mdc").containsEntry("app", "kept");
        assertThat(MDC.get("jobqueue.messageId")).as("after the job").isNull();
        assertThat(MDC.get("app")).isEqualTo("kept");
        MDC.remove("app");
    }

    @Test
    void aWorkersJobs_runWithTheMdcToo() {
        String id = jobs.queue(Q, new RecordingJob("worker", false));

        try (Worker worker = Worker.builder(jobs).queues(Q).limit(1).pollTimeout(Duration.ofMillis(50)).build()) {
            worker.run();
        }

        assertThat(SEEN_MDC.get("worker")).containsEntry("jobqueue.messageId", id).containsEntry("jobqueue.queue", Q);
    }

    /** Listed in this module's test resources as a discovered interceptor. */
    public static final class Discovered implements JobInterceptor {
        static final List<String> SUBMITTED = new CopyOnWriteArrayList<>();

        @Override
        public List<String> aroundSubmit(Queue queue, int count, SubmitOptions options, Submission submission) {
            List<String> ids = submission.proceed(options);
            SUBMITTED.addAll(ids);
            return ids;
        }
    }

    @Test
    void interceptorsListedAsServices_areAddedWhenAsked() {
        List<JobInterceptor> added = jobs.addDiscoveredInterceptors(getClass().getClassLoader());

        String id = jobs.queue(Q, new RecordingJob("discovered", false));

        assertThat(added).singleElement().isInstanceOf(Discovered.class);
        assertThat(Discovered.SUBMITTED).contains(id);
    }
}
