package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Capability;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.Submitted;
import io.jobqueue.UniqueScope;
import io.jobqueue.spi.Abort;
import io.jobqueue.spi.Headers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unique keys on submit ({@code SubmitOptions.withUniqueKey}): while the message holding a key is in
 * its scope, a submit with the key stores nothing and returns the holder's id as a duplicate, also
 * when many submit it at once from separate queue objects; the key travels in the headers; each scope
 * ends when it should (queued: at reservation; active: at finish, failure or cancel; a period: after
 * it, whatever the state). Needs {@code unique} and {@code reserve}.
 */
abstract class UniqueTests extends ConformanceSupport {

    @BeforeEach
    final void requireUnique() {
        requires(Capability.UNIQUE, Capability.RESERVE);
    }

    @Test
    void duplicate_whileReady_returnsTheHoldersId_andStoresNothing() {
        SubmitOptions unique = SubmitOptions.DEFAULT.withUniqueKey("invoice-42");

        Submitted first = queue.offer("first", unique);
        Submitted second = queue.offer("second", unique);

        assertThat(first.duplicate()).as("the first submit of a key").isFalse();
        assertThat(second).as("a second submit of the key while the first is ready").isEqualTo(Submitted.duplicateOf(first.id()));
        assertThat(queue.submit("third", unique)).as("submit() of a duplicate returns the holder's id").isEqualTo(first.id());
        assertThat(queue.findUnique("invoice-42")).as("the holder of the key").contains(first.id());
        Message only = reserve(queue);
        assertThat(only.payload()).as("the one message stored").isEqualTo("first");
        assertThat(only.headers()).as("the key travels in the headers").containsEntry(Headers.UNIQUE_KEY, "invoice-42");
        assertThat(queue.finish(only)).isTrue();
        assertThat(queue.waitAndReserve(Duration.ZERO)).as("nothing else was stored").isEmpty();
    }

    @Test
    void differentKeys_andOtherQueues_doNotCollide() {
        Queue other = newQueue(Map.of());
        Submitted a = queue.offer("a", SubmitOptions.DEFAULT.withUniqueKey("key-a"));
        Submitted b = queue.offer("b", SubmitOptions.DEFAULT.withUniqueKey("key-b"));
        Submitted elsewhere = other.offer("a elsewhere", SubmitOptions.DEFAULT.withUniqueKey("key-a"));
        String plain = queue.submit("no key");

        assertThat(List.of(a, b, elsewhere)).as("three first submits").noneMatch(Submitted::duplicate);
        assertThat(Set.of(a.id(), b.id(), plain)).as("distinct ids").hasSize(3);
        assertCounts(queue, 3, 0, 0);
        assertCounts(other, 1, 0, 0);
    }

    @Test
    void keyWithOddCharacters_andTheLongestKey_areKept() {
        String odd = "naïve 键 🎉 'quote\" ; DROP TABLE x; -- \\ % _";
        String longest = "k".repeat(Headers.MAX_KEY_LENGTH);
        Submitted first = queue.offer("odd", SubmitOptions.DEFAULT.withUniqueKey(odd));
        Submitted second = queue.offer("long", SubmitOptions.DEFAULT.withUniqueKey(longest));

        assertThat(queue.offer("odd again", SubmitOptions.DEFAULT.withUniqueKey(odd))).isEqualTo(Submitted.duplicateOf(first.id()));
        assertThat(queue.offer("long again", SubmitOptions.DEFAULT.withUniqueKey(longest)))
                .isEqualTo(Submitted.duplicateOf(second.id()));
        assertThat(queue.offer("prefix", SubmitOptions.DEFAULT.withUniqueKey(odd.substring(0, 5))).duplicate())
                .as("a key that is a prefix of a held one").isFalse();
    }

    @Test
    void activeScope_holdsWhileReserved_andEndsAtFinish() {
        SubmitOptions unique = SubmitOptions.DEFAULT.withUniqueKey("report");
        String id = queue.submit("first", unique);
        Message held = reserve(queue);

        assertThat(queue.offer("while running", unique)).as("a submit while the holder runs").isEqualTo(Submitted.duplicateOf(id));
        assertThat(queue.finish(held)).isTrue();

        Submitted after = queue.offer("after the finish", unique);
        assertThat(after.duplicate()).as("a submit after the holder finished").isFalse();
        assertThat(after.id()).isNotEqualTo(id);
        assertThat(queue.findUnique("report")).contains(after.id());
    }

    @Test
    void activeScope_holdsAcrossARetry_andEndsWhenTheMessageFails() {
        requires(Capability.FAILED_STORE);
        SubmitOptions unique = SubmitOptions.DEFAULT.withUniqueKey("sync");
        String id = queue.submit("first", unique);
        assertThat(queue.release(reserve(queue), ReleaseOptions.DEFAULT)).isTrue();
        assertThat(queue.offer("after a retry", unique)).as("a submit while the holder waits for its retry")
                .isEqualTo(Submitted.duplicateOf(id));

        assertThat(queue.abortAll(List.of(new Abort(reserve(queue), "broken")))).containsExactly(id);

        assertThat(queue.findUnique("sync")).as("a failed message holds no key").isEmpty();
        assertThat(queue.offer("after the failure", unique).duplicate()).as("a submit after the holder failed").isFalse();
    }

    @Test
    void activeScope_endsWhenTheHolderIsCancelled() {
        requires(Capability.CANCEL);
        SubmitOptions unique = SubmitOptions.DEFAULT.withUniqueKey("cancelled");
        String id = queue.submit("first", unique);

        assertThat(queue.cancel(id)).isTrue();

        assertThat(queue.offer("after the cancel", unique).duplicate()).as("a submit after the holder was cancelled").isFalse();
    }

    @Test
    void queuedScope_endsWhenAWorkerReservesTheHolder_andHoldsAgainWhenItComesBack() {
        SubmitOptions unique = SubmitOptions.DEFAULT.withUniqueKey("refresh", UniqueScope.QUEUED);
        String id = queue.submit("first", unique);
        assertThat(queue.offer("while ready", unique)).isEqualTo(Submitted.duplicateOf(id));

        Message held = reserve(queue);
        assertThat(held.headers()).containsEntry(Headers.UNIQUE_SCOPE, "queued");
        Submitted whileRunning = queue.offer("while the first runs", unique);

        assertThat(whileRunning.duplicate()).as("a submit while the holder of a queued key runs").isFalse();
        assertThat(queue.offer("third", unique)).as("the second holds the key now").isEqualTo(Submitted.duplicateOf(whileRunning.id()));
        assertThat(queue.finish(held)).isTrue();
        assertCounts(queue, 1, 0, 0);
    }

    @Test
    void periodScope_holdsAfterTheFinish_untilThePeriodEnds() {
        Duration period = Duration.ofSeconds(1);
        SubmitOptions unique = SubmitOptions.DEFAULT.withUniqueKey("daily", UniqueScope.forPeriod(period));
        long start = System.nanoTime();
        String id = queue.submit("first", unique);
        assertThat(queue.finish(reserve(queue))).isTrue();

        beforeDue(start, period, () -> assertThat(queue.offer("within the period", unique))
                .as("a submit within the period after the holder finished").isEqualTo(Submitted.duplicateOf(id)));

        Submitted later = awaitValue("a submit after the period stores a new message", () -> queue.offer("later", unique),
                s -> !s.duplicate());
        assertThat(System.nanoTime() - start).as("nanoseconds from the first submit to the second stored one")
                .isGreaterThanOrEqualTo(period.minusMillis(100).toNanos());
        assertThat(later.id()).isNotEqualTo(id);
    }

    @Test
    void batch_withOneKey_storesTheFirst_andTheRestAreItsDuplicates() {
        List<Submitted> batch = queue.offerAll(List.of("a", "b", "c"), SubmitOptions.DEFAULT.withUniqueKey("batch"));

        assertThat(batch).hasSize(3);
        assertThat(batch.get(0).duplicate()).isFalse();
        assertThat(batch.subList(1, 3)).as("the later messages of the batch")
                .containsOnly(Submitted.duplicateOf(batch.get(0).id()));
        assertCounts(queue, 1, 0, 0);
    }

    @Test
    void flush_endsEveryKey() {
        SubmitOptions unique = SubmitOptions.DEFAULT.withUniqueKey("flushed", UniqueScope.forPeriod(Duration.ofHours(1)));
        queue.submit("first", unique);

        queue.flush();

        assertThat(queue.findUnique("flushed")).isEmpty();
        assertThat(queue.offer("after the flush", unique).duplicate()).isFalse();
    }

    @Test
    void manySubmitsOfOneKeyAtOnce_fromSeparateQueueObjects_storeOneMessage() throws Exception {
        int threads = 8;
        List<Queue> handles = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            handles.add(i == 0 || !supports(Capability.CROSS_PROCESS) ? queue : newQueueNamed(baseName(), Map.of()));
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5; round++) {
                String key = "race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Submitted>> results = new ArrayList<>();
                for (Queue handle : handles) {
                    Callable<Submitted> submit = () -> {
                        go.await();
                        return handle.offer("racer", SubmitOptions.DEFAULT.withUniqueKey(key));
                    };
                    results.add(executor.submit(submit));
                }
                go.countDown();
                Set<String> ids = new HashSet<>();
                int stored = 0;
                for (Future<Submitted> result : results) {
                    Submitted submitted = result.get(AWAIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
                    ids.add(submitted.id());
                    stored += submitted.duplicate() ? 0 : 1;
                }
                assertThat(stored).as("submits of key %s that stored a message", key).isEqualTo(1);
                assertThat(ids).as("ids returned for key %s", key).hasSize(1);
            }
        } finally {
            executor.shutdownNow();
        }
        assertCounts(queue, 5, 0, 0);
    }
}
