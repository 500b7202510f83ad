package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.testjobs.FailingJob;
import io.jobqueue.testjobs.Recorder;
import io.jobqueue.testjobs.RecordingJob;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobManagerTest {

    private final String name = "jm-" + UUID.randomUUID();
    private QueueManager queues;
    private JobManager jobs;
    private final RecordingJobListener listener = new RecordingJobListener();

    private void configure(QueueSettings.Builder settings) {
        queues = new QueueManager(JobQueueSettings.builder().queue(name, settings.className("memory").build()).build());
        jobs = new JobManager(queues).addListener(listener);
    }

    @AfterEach
    void tearDown() {
        queues.close();
    }

    @Test
    void queue_submitsTheSerializedJobAndTellsListenersWithTheOptions() {
        configure(QueueSettings.builder());
        String id = jobs.queue(name, new RecordingJob(name, "a"), SubmitOptions.prioritized(7));

        Message message = queues.getQueue(name).peek(1).get(0);
        assertThat(message.id()).isEqualTo(id);
        assertThat(jobs.serializer().deserialize(message.payload())).isInstanceOf(RecordingJob.class);
        assertThat(listener.events).containsExactly("submitted " + id + " priority=7");
    }

    @Test
    void waitAndExecute_onEmptyQueueWithZeroTimeout_returnsEmptyAndTellsTimeout() {
        configure(QueueSettings.builder());
        assertThat(jobs.waitAndExecute(name, Duration.ZERO)).isEmpty();
        assertThat(listener.events).containsExactly("timeout " + name);
    }

    @Test
    void waitAndExecute_runsTheJobFinishesTheMessageAndTellsListeners() {
        configure(QueueSettings.builder());
        String id = jobs.queue(name, new RecordingJob(name, "ran"));

        assertThat(jobs.waitAndExecute(name, Duration.ZERO)).map(Message::id).contains(id);

        assertThat(Recorder.runs(name)).containsExactly("ran");
        assertThat(listener.events).containsExactly("submitted " + id + " priority=1024",
                "reserved " + id + " releases=0", "finished " + id);
        Queue queue = queues.getQueue(name);
        assertThat(queue.countReady() + queue.countReserved() + queue.countFailed()).isZero();
    }

    @Test
    void failingJob_isReleasedWithTheQueuesReleaseOptionsUntilTheLimitThenAborted() {
        configure(QueueSettings.builder().maximumNumberOfReleases(2).releaseOption("delay", 0)); // at once, as the original
        String id = jobs.queue(name, FailingJob.always(name));
        Queue queue = queues.getQueue(name);

        for (int trial = 1; trial <= 2; trial++) {
            int shown = trial;
            assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO))
                    .isInstanceOf(JobExecutionException.class)
                    .hasMessage("Job execution for job (message: \"" + id + "\", queue: \"" + name + "\") failed ("
                            + shown + "/3 trials) - RELEASE")
                    .hasRootCauseMessage("planned failure " + trial);
            assertThat(queue.countReady()).isEqualTo(1);
        }
        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageEndingWith("failed (3/3 trials) - ABORTING")
                .satisfies(e -> assertThat(((JobExecutionException) e).released()).isFalse());

        assertThat(queue.countReady()).isZero();
        assertThat(queue.countFailed()).isEqualTo(1);
        assertThat(queue.listFailed(10).get(0).reason()).contains("planned failure 3");
        assertThat(Recorder.runs(name)).containsExactly(
                "attempt 1 releases 0", "attempt 2 releases 1", "attempt 3 releases 2");
        assertThat(listener.events).filteredOn(e -> e.startsWith("released") || e.startsWith("failed")).containsExactly(
                "released " + id + " delay=PT0S cause=planned failure 1",
                "released " + id + " delay=PT0S cause=planned failure 2",
                "failed " + id + " cause=planned failure 3");
    }

    @Test
    void jobReturningFalse_countsAsFailure() {
        configure(QueueSettings.builder().maximumNumberOfReleases(0));
        jobs.queue(name, new FailingJob(name, 1, false));

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO))
                .hasMessageEndingWith("(1/1 trials) - ABORTING");
        assertThat(queues.getQueue(name).listFailed(1).get(0).reason()).contains("did not return true");
    }

    @Test
    void release_usesReleaseOptionsAndHappensBeforeTheListenerIsTold() {
        configure(QueueSettings.builder().releaseOption("delay", 30).releaseOption("priority", 5));
        Queue queue = queues.getQueue(name);
        List<Long> readyOrDelayedSeenByListener = new java.util.ArrayList<>();
        jobs.addListener(new JobListener() {
            @Override
            public void messageReleased(Queue q, Message m, ReleaseOptions options, Throwable cause) {
                readyOrDelayedSeenByListener.add(q.countReserved());
            }
        });
        jobs.queue(name, FailingJob.always(name));

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).isInstanceOf(JobExecutionException.class);

        assertThat(readyOrDelayedSeenByListener).containsExactly(0L);
        assertThat(queue.countReady()).as("released with a 30 s delay").isZero();
        assertThat(listener.events).anyMatch(e -> e.contains("delay=PT30S"));
    }

    @Test
    void messageDeliveredMoreOftenThanAllowed_isAbortedWithoutRunning_sayingWhy() {
        configure(QueueSettings.builder().maximumNumberOfDeliveries(2));
        Queue queue = queues.getQueue(name);
        queue.submit(jobs.serializer().serialize(new RecordingJob(name, "must not run")));
        for (int i = 0; i < 2; i++) {
            queue.release(queue.waitAndReserve(Duration.ZERO).orElseThrow(), ReleaseOptions.GIVE_BACK);
        }

        assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");

        assertThat(Recorder.runs(name)).isEmpty();
        assertThat(queue.listFailed(1).get(0).reason()).contains("delivered 3 times, more than maximumNumberOfDeliveries 2, without an outcome");
    }

    @Test
    void unreadablePayloads_becomeFailedMessagesWithTheReason() {
        configure(QueueSettings.builder());
        Queue queue = queues.getQueue(name);
        queue.submit("not json at all");
        queue.submit("{\"type\":\"java.lang.ProcessBuilder\",\"job\":{\"command\":[\"rm\"]}}");
        queue.submit("{\"type\":\"com.example.Missing\",\"job\":{}}");
        queue.submit("{\"job\":{}}");

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> jobs.waitAndExecute(name, Duration.ZERO)).hasMessageEndingWith("ABORTING");
        }

        assertThat(queue.listFailed(10)).extracting(FailedMessage::reason).satisfiesExactly(
                r -> assertThat(r).contains("payload is not JSON"),
                r -> assertThat(r).contains("java.lang.ProcessBuilder does not implement io.jobqueue.Job"),
                r -> assertThat(r).contains("com.example.Missing is not on the class path"),
                r -> assertThat(r).contains("names no job type"));
        assertThat(queue.countReady()).isZero();
    }

    @Test
    void listenerThatThrows_isLoggedAndBreaksNothing() {
        configure(QueueSettings.builder());
        jobs.addListener(new JobListener() {
            @Override
            public void messageReserved(Queue queue, Message message) {
                throw new IllegalStateException("listener bug");
            }
        });
        jobs.queue(name, new RecordingJob(name, "still ran"));

        assertThat(jobs.waitAndExecute(name, Duration.ZERO)).isPresent();
        assertThat(Recorder.runs(name)).containsExactly("still ran");
        assertThat(listener.events).last().asString().startsWith("finished");
    }

    @Test
    void peek_returnsTheNextJobsWithoutReservingThem() {
        configure(QueueSettings.builder());
        jobs.queueAll(name, List.of(new RecordingJob(name, "1"), new RecordingJob(name, "2")), SubmitOptions.DEFAULT);

        assertThat(jobs.peek(name, 5)).extracting(Job::label).containsExactly("record 1", "record 2");
        assertThat(queues.getQueue(name).countReady()).isEqualTo(2);
    }

    @Test
    void unknownQueue_isRefusedWithTheNearestName() {
        configure(QueueSettings.builder());
        assertThatThrownBy(() -> jobs.queue(name + "x", new RecordingJob(name, "x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("queue '" + name + "x' is not configured, did you mean '" + name + "'?");
    }
}
