package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobqueue.testjobs.FailingJob;
import io.jobqueue.testjobs.Recorder;
import io.jobqueue.testjobs.RecordingJob;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FakeQueueTest {

    private final String name = "fake-" + UUID.randomUUID();

    private JobManager jobs(boolean async) {
        return new JobManager(new QueueManager(JobQueueSettings.builder()
                .queue(name, QueueSettings.builder().className("fake").option("async", async).build()).build()));
    }

    @Test
    void runsTheJobInTheCallersThreadWhenSubmitted() {
        JobManager jobs = jobs(false);
        String id = jobs.queue(name, new RecordingJob(name, "inline"));

        assertThat(id).isNotBlank();
        assertThat(Recorder.runs(name)).containsExactly("inline");
        assertThat(jobs.queueManager().getQueue(name).countReady()).isZero();
    }

    @Test
    void aFailingJobFailsTheSubmitWhenSynchronous() {
        JobManager jobs = jobs(false);
        assertThatThrownBy(() -> jobs.queue(name, FailingJob.always(name))).hasMessage("planned failure 1");
    }

    @Test
    void runsTheJobInTheBackgroundWhenAsync() {
        JobManager jobs = jobs(true);
        jobs.queue(name, FailingJob.always(name + "bad"));
        jobs.queue(name, new RecordingJob(name, "later"));

        await().atMost(Duration.ofSeconds(10)).until(() -> Recorder.runs(name).contains("later"));
        jobs.queueManager().close();
    }

    @Test
    void reservingSaysWhyNoWorkerIsNeeded() {
        Queue queue = jobs(false).queueManager().getQueue(name);
        assertThat(queue.capabilities().has(Capability.RESERVE)).isFalse();
        assertThatThrownBy(() -> queue.waitAndReserve(Duration.ZERO))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessage("waitAndReserve needs capability 'reserve' (waitAndReserve, release, abort and finish), which backend"
                        + " fake of queue '" + name + "' does not have");
        assertThatThrownBy(() -> queue.release(new Message("1", "{}"), ReleaseOptions.DEFAULT))
                .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("release needs capability 'reserve'");
    }

    @Test
    void listingDelayedMessages_isRefusedNamingTheCapability() {
        Queue queue = jobs(false).queueManager().getQueue(name);
        assertThat(queue.capabilities().has(Capability.LIST_DELAYED)).isFalse();
        assertThatThrownBy(() -> queue.listDelayed(10))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessage("listDelayed needs capability 'listDelayed' (listing delayed messages with their due time), which"
                        + " backend fake of queue '" + name + "' does not have");
        assertThatThrownBy(() -> queue.listDelayed(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be >= 0, was -1");
    }

    @Test
    void findingAMessage_isRefusedNamingTheCapability() {
        Queue queue = jobs(false).queueManager().getQueue(name);
        assertThat(queue.capabilities().has(Capability.FIND_BY_ID)).isFalse();
        assertThatThrownBy(() -> queue.find("1"))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessage("find needs capability 'findById' (finding one message and its state by id), which"
                        + " backend fake of queue '" + name + "' does not have");
    }
}
