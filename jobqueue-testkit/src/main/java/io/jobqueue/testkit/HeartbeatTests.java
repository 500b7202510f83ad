package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.Capability;
import io.jobqueue.WorkerHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Worker heartbeats: a published beat is listed with its fields and a {@code lastSeen} on the
 * backend's clock; a second publish replaces it; removing it, or letting its time to live run out,
 * makes it disappear; the beats of two workers are both listed. Other processes may publish beats
 * into the same place at the same time, so the tests look only at their own worker ids. Needs
 * {@code workerHeartbeats}.
 */
abstract class HeartbeatTests extends ConformanceSupport {

    /** A time to live no test outlasts, for the beats that must stay listed. */
    static final Duration LONG_TTL = Duration.ofMinutes(2);
    /** How far a {@code lastSeen} may lie from the test's clock (the backend's clock runs on this machine). */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);
    static final int LIMIT = 1000;

    private final List<String> published = new ArrayList<>();

    @BeforeEach
    final void requireHeartbeats() {
        requires(Capability.WORKER_HEARTBEATS);
    }

    @AfterEach
    final void removeOwnBeats() {
        for (String id : published) {
            queue.removeHeartbeat(id);
        }
    }

    @Test
    void publish_thenList_showsTheBeatWithItsFields() {
        WorkerHeartbeat beat = beat(newWorkerId(), 2, 7);
        Instant before = Instant.now();

        queue.publishHeartbeat(beat, LONG_TTL);

        WorkerHeartbeat listed = listed(beat.workerId()).orElseThrow(() -> new AssertionError("beat not listed"));
        assertThat(listed.host()).isEqualTo("host-a.example");
        assertThat(listed.pid()).isEqualTo(4242);
        assertThat(listed.queues()).containsExactly("email", "reports \"monthly\"");
        assertThat(listed.concurrency()).isEqualTo(4);
        assertThat(listed.runningJobs()).isEqualTo(2);
        assertThat(listed.processed()).isEqualTo(7);
        assertThat(listed.succeeded()).isEqualTo(5);
        assertThat(listed.released()).isEqualTo(1);
        assertThat(listed.failed()).isEqualTo(1);
        assertThat(listed.startedAt()).as("startedAt, kept to the millisecond").isEqualTo(beat.startedAt());
        assertThat(listed.lastSeen()).as("lastSeen on the backend's clock")
                .isBetween(before.minus(CLOCK_TOLERANCE), Instant.now().plus(CLOCK_TOLERANCE));
    }

    @Test
    void publish_again_replacesTheBeat() {
        String id = newWorkerId();
        queue.publishHeartbeat(beat(id, 1, 3), LONG_TTL);
        Instant firstSeen = listed(id).orElseThrow().lastSeen();

        queue.publishHeartbeat(beat(id, 3, 10), LONG_TTL);

        List<WorkerHeartbeat> mine = queue.listHeartbeats(LIMIT).stream().filter(b -> b.workerId().equals(id)).toList();
        assertThat(mine).as("beats of worker %s after two publishes", id).hasSize(1);
        assertThat(mine.get(0).runningJobs()).isEqualTo(3);
        assertThat(mine.get(0).processed()).isEqualTo(10);
        assertThat(mine.get(0).lastSeen()).isAfterOrEqualTo(firstSeen);
    }

    @Test
    void remove_makesTheBeatDisappear() {
        String id = newWorkerId();
        queue.publishHeartbeat(beat(id, 0, 0), LONG_TTL);
        assertThat(listed(id)).isPresent();

        assertThat(queue.removeHeartbeat(id)).as("removing a live beat").isTrue();

        assertThat(listed(id)).as("a removed beat").isEmpty();
        assertThat(queue.removeHeartbeat(id)).as("removing it again").isFalse();
    }

    @Test
    void remove_ofAnUnknownWorker_isFalse_andTouchesNoOtherBeat() {
        String id = newWorkerId();
        queue.publishHeartbeat(beat(id, 0, 0), LONG_TTL);

        assertThat(queue.removeHeartbeat(newWorkerId())).isFalse();

        assertThat(listed(id)).isPresent();
    }

    @Test
    void aBeatWhoseTtlRanOut_isNotListed() {
        String id = newWorkerId();
        String keeper = newWorkerId();
        queue.publishHeartbeat(beat(keeper, 0, 0), LONG_TTL);

        queue.publishHeartbeat(beat(id, 0, 0), Duration.ofMillis(500));

        awaitValue("the beat with a 500 ms ttl to lapse", () -> listed(id), Optional::isEmpty);
        assertThat(listed(keeper)).as("a beat with a long ttl, published earlier").isPresent();
    }

    @Test
    void theBeatsOfTwoWorkers_areBothListed() {
        String first = newWorkerId();
        String second = newWorkerId();

        queue.publishHeartbeat(beat(first, 1, 1), LONG_TTL);
        queue.publishHeartbeat(beat(second, 2, 2), LONG_TTL);

        assertThat(queue.listHeartbeats(LIMIT)).extracting(WorkerHeartbeat::workerId).contains(first, second);
        assertThat(listed(first).orElseThrow().runningJobs()).isEqualTo(1);
        assertThat(listed(second).orElseThrow().runningJobs()).isEqualTo(2);
    }

    @Test
    void theFacade_refusesABadWorkerIdOrTtl() {
        assertThatThrownBy(() -> queue.removeHeartbeat("no spaces allowed")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.removeHeartbeat("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.publishHeartbeat(beat(newWorkerId(), 0, 0), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.listHeartbeats(0)).isEmpty();
    }

    private String newWorkerId() {
        String id = "ct-worker-" + UUID.randomUUID();
        published.add(id);
        return id;
    }

    private Optional<WorkerHeartbeat> listed(String id) {
        return queue.listHeartbeats(LIMIT).stream().filter(b -> b.workerId().equals(id)).findFirst();
    }

    private static WorkerHeartbeat beat(String id, int running, long processed) {
        Instant started = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        return new WorkerHeartbeat(id, "host-a.example", 4242, List.of("email", "reports \"monthly\""), 4, running, processed,
                Math.max(0, processed - 2), processed >= 2 ? 1 : 0, processed >= 2 ? 1 : 0, started, Instant.now());
    }
}
