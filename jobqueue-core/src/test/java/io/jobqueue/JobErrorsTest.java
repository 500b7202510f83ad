package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.testjobs.ErrorThrowingJob;
import io.jobqueue.testjobs.Recorder;
import io.jobqueue.testjobs.RecordingJob;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A job that throws an {@link Error} — OutOfMemoryError, InternalError, one of its own — is a
 * failure like any other: released, then aborted with the error's class and message as the reason,
 * listeners told, and the worker goes on.
 */
class JobErrorsTest {

    private final String name = "err-" + UUID.randomUUID();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private QueueManager queues;
    private JobManager jobs;

    private void configure() {
        queues = new QueueManager(JobQueueSettings.builder()
                .queue(name, QueueSettings.builder().className("memory").maximumNumberOfReleases(1)
                        .releaseOption("delay", 0).build()).build()); // retried at once, not after a backoff
        jobs = new JobManager(queues).addListener(new JobListener() {
            @Override
            public void messageReleased(Queue queue, Message message, ReleaseOptions options, Throwable cause) {
                told.add("released " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }

            @Override
            public void messageFailed(Queue queue, Message message, Throwable cause) {
                told.add("failed " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
        });
    }

    @AfterEach
    void tearDown() {
        queues.close();
    }

    @ParameterizedTest
    @CsvSource({
            "oom, OutOfMemoryError, Java heap space",
            "internal, InternalError, planned internal error",
            "planned, PlannedError, the job's own error"})
    void waitAndExecute_jobThrowingAnError_isReleasedThenAbortedWithTheErrorAsReason(String kind, String type, String text) {
        configure();
        String id = jobs.queue(name, new ErrorThrowingJob(name, kind, text));

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageEndingWith("failed (1/2 trials) - RELEASE")
                .cause().hasMessage(text).satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(type));
        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageEndingWith("failed (2/2 trials) - ABORTING");

        Queue queue = queues.getQueue(name);
        assertThat(queue.countReady() + queue.countReserved()).isZero();
        assertThat(queue.listFailed(1)).singleElement().satisfies(failed -> {
            assertThat(failed.message().id()).isEqualTo(id);
            assertThat(failed.reason()).isEqualTo(type + ": " + text);
        });
        assertThat(told).containsExactly("released " + type + ": " + text, "failed " + type + ": " + text);
    }

    @Test
    void worker_jobsThrowingErrors_areReleasedThenAborted_andTheWorkerGoesOnOnTheSameThread() {
        configure();
        jobs.queue(name, new ErrorThrowingJob(name, "oom", "Java heap space"));
        jobs.queue(name, new ErrorThrowingJob(name, "internal", "planned internal error"));
        jobs.queue(name, new ErrorThrowingJob(name, "planned", "the job's own error"));
        jobs.queue(name, new RecordingJob(name, "after the errors"));
        jobs.addListener(new JobListener() {
            @Override
            public void messageReleased(Queue queue, Message message, ReleaseOptions options, Throwable cause) {
                throw new ErrorThrowingJob.PlannedError("a listener's own error");
            }
        });

        WorkerStats stats = Worker.builder(jobs).queues(name).concurrency(1).prefetch(0)
                .exitAfter(Duration.ofSeconds(30)).limit(7).build().run();

        assertThat(stats).isEqualTo(new WorkerStats(7, 1, 3, 3, WorkerStats.StopReason.LIMIT));
        assertThat(Recorder.runs(name)).hasSize(7).allMatch(run -> run.endsWith("jobqueue-job-1") || run.equals("after the errors"));
        assertThat(queues.getQueue(name).listFailed(10)).extracting(FailedMessage::reason).containsExactlyInAnyOrder(
                "OutOfMemoryError: Java heap space", "InternalError: planned internal error", "PlannedError: the job's own error");
        assertThat(told).filteredOn(e -> e.startsWith("failed")).hasSize(3);
    }
}
