package io.jobqueue.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobExecutionException;
import io.jobqueue.JobManager;
import io.jobqueue.Queue;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Worker;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JobQueueMetricsTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    @Test
    void counters_followSubmitFinishReleaseAndFail() {
        JobManager jobs = TestQueues.jobs("memory", "email");
        JobQueueMetrics.bind(registry, jobs);

        jobs.queue("email", OutcomeJob.succeeding());
        jobs.queue("email", OutcomeJob.failing());
        jobs.waitAndExecute("email", Duration.ZERO);                        // finished
        assertThatThrownBy(() -> jobs.waitAndExecute("email", Duration.ZERO)) // released (1 release allowed)
                .isInstanceOf(JobExecutionException.class);
        assertThatThrownBy(() -> jobs.waitAndExecute("email", Duration.ZERO)) // failed for good, aborted
                .isInstanceOf(JobExecutionException.class);

        assertThat(counter("jobqueue.messages.submitted", "email")).isEqualTo(2);
        assertThat(counter("jobqueue.messages.finished", "email")).isEqualTo(1);
        assertThat(counter("jobqueue.messages.released", "email")).isEqualTo(1);
        assertThat(counter("jobqueue.messages.failed", "email")).isEqualTo(1);
    }

    @Test
    void counters_ofEveryConfiguredQueue_showZeroBeforeTheFirstEvent() {
        JobManager jobs = TestQueues.jobs("memory", "email", "reports");
        JobQueueMetrics.bind(registry, jobs);

        assertThat(counter("jobqueue.messages.submitted", "email")).isZero();
        assertThat(counter("jobqueue.messages.failed", "reports")).isZero();
    }

    @Test
    void queueTag_isTheConfiguredName_withoutTheQueueNamePrefix() {
        JobManager jobs = TestQueues.jobs("memory", "email");
        JobQueueMetrics.bind(registry, jobs);

        jobs.queue("email", OutcomeJob.succeeding());

        assertThat(jobs.queueManager().getQueue("email").name()).startsWith("mm-").endsWith("-email");
        assertThat(registry.find("jobqueue.messages.submitted").counters())
                .singleElement().satisfies(c -> assertThat(c.getId().getTag("queue")).isEqualTo("email"));
    }

    @Test
    void executionTimer_countsEachExecution_byOutcome() {
        JobManager jobs = TestQueues.jobs("memory", "email");
        JobQueueMetrics.bind(registry, jobs);

        jobs.queue("email", OutcomeJob.succeeding());
        jobs.queue("email", OutcomeJob.failing());
        jobs.waitAndExecute("email", Duration.ZERO);
        assertThatThrownBy(() -> jobs.waitAndExecute("email", Duration.ZERO)).isInstanceOf(JobExecutionException.class);
        assertThatThrownBy(() -> jobs.waitAndExecute("email", Duration.ZERO)).isInstanceOf(JobExecutionException.class);

        assertThat(search("jobqueue.execution", "email").tag("outcome", "success").timer().count()).isEqualTo(1);
        assertThat(search("jobqueue.execution", "email").tag("outcome", "failure").timer().count()).isEqualTo(2);
        assertThat(search("jobqueue.execution.active", "email").longTaskTimer().activeTasks()).isZero();
    }

    @Test
    void waitTimer_recordsTheTimeFromSubmitToFirstStart() {
        JobManager jobs = TestQueues.jobs("memory", "email");
        JobQueueMetrics.bind(registry, jobs);

        jobs.queue("email", OutcomeJob.succeeding());
        clock.add(Duration.ofMillis(2_500));
        jobs.waitAndExecute("email", Duration.ZERO);

        var wait = search("jobqueue.wait", "email").timer();
        assertThat(wait.count()).isEqualTo(1);
        assertThat(wait.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2_500);
    }

    @Test
    void waitTimer_timesOnlyTheFirstDelivery_notRetries() {
        JobManager jobs = TestQueues.jobs("memory", "email");
        JobQueueMetrics.bind(registry, jobs);

        jobs.queue("email", OutcomeJob.failing());
        assertThatThrownBy(() -> jobs.waitAndExecute("email", Duration.ZERO)).isInstanceOf(JobExecutionException.class);
        assertThatThrownBy(() -> jobs.waitAndExecute("email", Duration.ZERO)).isInstanceOf(JobExecutionException.class);

        assertThat(search("jobqueue.wait", "email").timer().count()).isEqualTo(1);
        assertThat(search("jobqueue.execution", "email").tag("outcome", "failure").timer().count()).isEqualTo(2);
    }

    @Test
    void waitTimer_skipsMessagesWithoutTheHeader_orWithAMalformedOne() {
        JobManager jobs = TestQueues.jobs("memory", "email");
        JobQueueMetrics.bind(registry, jobs);
        Queue queue = jobs.queueManager().getQueue("email");
        String payload = jobs.serializer().serialize(OutcomeJob.succeeding());

        queue.submit(payload);                                                       // past the interceptor: no header
        queue.submit(payload, SubmitOptions.DEFAULT.withHeader(JobQueueMetrics.SUBMITTED_AT_HEADER, "yesterday"));
        queue.submit(payload, SubmitOptions.DEFAULT.withHeader(JobQueueMetrics.SUBMITTED_AT_HEADER,
                Long.toString(clock.wallTime() + 60_000)));                           // a submitter whose clock is ahead
        for (int i = 0; i < 3; i++) {
            jobs.waitAndExecute("email", Duration.ZERO);
        }

        assertThat(search("jobqueue.wait", "email").timer().count()).isZero();
        assertThat(search("jobqueue.execution", "email").tag("outcome", "success").timer().count()).isEqualTo(3);
    }

    @Test
    void submit_keepsTheCallersHeaders_andAddsTheSubmitTime() {
        JobManager jobs = TestQueues.jobs("memory", "email");
        JobQueueMetrics.bind(registry, jobs);

        jobs.queue("email", OutcomeJob.succeeding(), SubmitOptions.DEFAULT.withHeader("tenant", "acme"));

        var message = jobs.queueManager().getQueue("email").waitAndReserve(Duration.ZERO).orElseThrow();
        assertThat(message.headers()).containsEntry("tenant", "acme")
                .containsEntry(JobQueueMetrics.SUBMITTED_AT_HEADER, Long.toString(clock.wallTime()));
    }

    @Test
    void gauges_showReadyDelayedReservedAndFailed() {
        JobManager jobs = TestQueues.jobs("memory", "email");
        JobQueueMetrics.bind(registry, jobs);
        Queue queue = jobs.queueManager().getQueue("email");
        String payload = jobs.serializer().serialize(OutcomeJob.succeeding());
        queue.submitAll(java.util.List.of(payload, payload, payload), SubmitOptions.DEFAULT);
        queue.submit(payload, SubmitOptions.delayed(Duration.ofHours(1)));
        queue.waitAndReserve(Duration.ZERO).orElseThrow();                                 // reserved
        queue.abort(queue.waitAndReserve(Duration.ZERO).orElseThrow(), "broken on purpose"); // failed

        assertThat(gauge("email", "ready")).isEqualTo(1);
        assertThat(gauge("email", "delayed")).isEqualTo(1);
        assertThat(gauge("email", "reserved")).isEqualTo(1);
        assertThat(gauge("email", "failed")).isEqualTo(1);
        assertThat(search("jobqueue.queue.oldest.ready.age", "email").timeGauge().value(TimeUnit.MILLISECONDS)).isNotNegative();
    }

    @Test
    void gauges_readTheBackendAtMostOncePerInterval_howeverOftenTheyAreRead() {
        JobManager jobs = TestQueues.jobs("counting", "email");
        JobQueueMetrics.builder(registry, jobs).countsInterval(Duration.ofSeconds(10)).bind();
        CountingBackend backend = TestQueues.counting(jobs, "email");
        assertThat(backend.countReads()).isZero();            // binding reads nothing

        readAllGauges(100);
        assertThat(backend.countReads()).isEqualTo(1);

        clock.add(Duration.ofMillis(9_999));
        jobs.queue("email", OutcomeJob.succeeding());
        readAllGauges(100);
        assertThat(backend.countReads()).isEqualTo(1);
        assertThat(gauge("email", "ready")).isZero();          // the snapshot is still the first read's

        clock.add(Duration.ofMillis(1));
        readAllGauges(100);
        assertThat(backend.countReads()).isEqualTo(2);
        assertThat(gauge("email", "ready")).isEqualTo(1);
    }

    @Test
    void gauges_keepTheirLastValues_whileTheBackendReadFails_andRecover() {
        JobManager jobs = TestQueues.jobs("counting", "email");
        JobQueueMetrics.builder(registry, jobs).countsInterval(Duration.ofSeconds(10)).bind();
        CountingBackend backend = TestQueues.counting(jobs, "email");
        jobs.queue("email", OutcomeJob.succeeding());
        jobs.queue("email", OutcomeJob.succeeding());
        assertThat(gauge("email", "ready")).isEqualTo(2);

        backend.failCounts(true);
        jobs.queue("email", OutcomeJob.succeeding());
        for (int i = 0; i < 3; i++) {
            clock.add(Duration.ofSeconds(10));
            assertThat(gauge("email", "ready")).isEqualTo(2);
            assertThat(gauge("email", "delayed")).isZero();
        }
        assertThat(registry.getMetersAsString()).contains("jobqueue.queue.messages");
        assertThat(backend.countReads()).isEqualTo(4);         // one failed read per interval, not one per gauge

        backend.failCounts(false);
        clock.add(Duration.ofSeconds(10));
        assertThat(gauge("email", "ready")).isEqualTo(3);
    }

    @Test
    void gauges_showNaN_untilAReadHasSucceeded() {
        JobManager jobs = TestQueues.jobs("counting", "email");
        JobQueueMetrics.bind(registry, jobs);
        TestQueues.counting(jobs, "email").failCounts(true);

        assertThat(gauge("email", "ready")).isNaN();
    }

    @Test
    void gauges_coverTheGivenQueuesOnly_countersCoverEveryQueue() {
        JobManager jobs = TestQueues.jobs("memory", "email", "reports");
        JobQueueMetrics.builder(registry, jobs).queues("reports").bind();

        assertThat(registry.find("jobqueue.queue.messages").tag("queue", "email").gauges()).isEmpty();
        assertThat(registry.find("jobqueue.queue.messages").tag("queue", "reports").gauges()).hasSize(4);
        assertThat(registry.find("jobqueue.messages.submitted").tag("queue", "email").counter()).isNotNull();
    }

    @Test
    void bind_withAQueueThatIsNotConfigured_isRefusedNamingIt_andRegistersNothing() {
        JobManager jobs = TestQueues.jobs("memory", "email");

        assertThatThrownBy(() -> JobQueueMetrics.builder(registry, jobs).queues("emial").bind())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'emial'").hasMessageContaining("email");
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void countsInterval_mustBePositive() {
        JobManager jobs = TestQueues.jobs("memory", "email");

        assertThatThrownBy(() -> JobQueueMetrics.builder(registry, jobs).countsInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("countsInterval");
    }

    @Test
    void bindWorker_countsTheWorkersJobs_byOutcome() {
        JobManager jobs = TestQueues.jobs("memory", "email");
        JobQueueMetrics metrics = JobQueueMetrics.bind(registry, jobs);
        jobs.queue("email", OutcomeJob.succeeding());
        jobs.queue("email", OutcomeJob.succeeding());
        jobs.queue("email", OutcomeJob.failing());

        try (Worker worker = Worker.builder(jobs).queues("email").concurrency(1).limit(4).build()) {
            metrics.bindWorker(worker, "email-worker");
            worker.run();                                     // 2 succeed, 1 is released, then fails for good
        }

        assertThat(workerJobs("email-worker", "succeeded")).isEqualTo(2);
        assertThat(workerJobs("email-worker", "released")).isEqualTo(1);
        assertThat(workerJobs("email-worker", "failed")).isEqualTo(1);
    }

    /** A job that runs until the test lets it end. */
    record HeldJob(String name) implements io.jobqueue.Job {
        static final java.util.concurrent.CountDownLatch STARTED = new java.util.concurrent.CountDownLatch(1);
        static final java.util.concurrent.CountDownLatch RELEASE = new java.util.concurrent.CountDownLatch(1);

        @Override
        public boolean execute(io.jobqueue.Queue queue, io.jobqueue.Message message) throws InterruptedException {
            STARTED.countDown();
            return RELEASE.await(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void bindWorker_gaugesTheJobsItRunsNow() throws Exception {
        JobManager jobs = TestQueues.jobs("memory", "email");
        JobQueueMetrics metrics = JobQueueMetrics.bind(registry, jobs);
        jobs.queue("email", new HeldJob("held"));
        try (Worker worker = Worker.builder(jobs).queues("email").concurrency(2).limit(1).build()) {
            metrics.bindWorker(worker, "busy");
            Thread runner = new Thread(worker::run);
            runner.start();
            assertThat(HeldJob.STARTED.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            assertThat(registry.get("jobqueue.worker.running").tag("worker", "busy").gauge().value()).isEqualTo(1.0);

            HeldJob.RELEASE.countDown();
            runner.join(30_000);
            assertThat(registry.get("jobqueue.worker.running").tag("worker", "busy").gauge().value()).isZero();
        }
    }

    @Test
    void close_removesEveryMeter_andStopsCounting() {
        JobManager jobs = TestQueues.jobs("memory", "email");
        JobQueueMetrics metrics = JobQueueMetrics.bind(registry, jobs);
        try (Worker worker = Worker.builder(jobs).queues("email").build()) {
            metrics.bindWorker(worker);
        }

        metrics.close();
        metrics.close();
        jobs.queue("email", OutcomeJob.succeeding());

        assertThat(registry.getMeters()).isEmpty();
        assertThat(jobs.queueManager().getQueue("email").waitAndReserve(Duration.ZERO).orElseThrow().headers())
                .doesNotContainKey(JobQueueMetrics.SUBMITTED_AT_HEADER);
    }

    private void readAllGauges(int times) {
        for (int i = 0; i < times; i++) {
            registry.find("jobqueue.queue.messages").gauges().forEach(g -> g.value());
            registry.getMetersAsString();
        }
    }

    private RequiredSearch search(String name, String queue) {
        return registry.get(name).tag("queue", queue);
    }

    private double counter(String name, String queue) {
        return search(name, queue).counter().count();
    }

    private double gauge(String queue, String state) {
        return search("jobqueue.queue.messages", queue).tag("state", state).gauge().value();
    }

    private double workerJobs(String worker, String outcome) {
        return registry.get("jobqueue.worker.jobs").tag("worker", worker).tag("outcome", outcome).functionCounter().count();
    }
}
