package io.jobqueue.beanstalkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobManager;
import io.jobqueue.JobQueueSettings;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.Worker;
import io.jobqueue.beanstalkd.internal.BeanstalkClient;
import io.jobqueue.beanstalkd.internal.Endpoint;
import io.jobqueue.beanstalkd.internal.JobStats;
import io.jobqueue.beanstalkd.internal.RawJob;
import io.jobqueue.testkit.Services;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A queue works only on a tube it marked as its own. A tube that holds jobs but no mark (another
 * application's, or an earlier version's until it is adopted) is not flushed, and its jobs are
 * not reserved, taken, peeked, aborted, buried or deleted — by a direct call or by a worker; an
 * empty tube is marked on first use and works as before; {@code adoptTube: true} takes an earlier
 * version's jobs over. Against the shared server (and a private one for a restart).
 */
class BeanstalkdTubeOwnershipTest {

    private static final int PORT = 11300;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TubeCleaner cleaner = new TubeCleaner(PORT);
    private final List<Queue> queues = new ArrayList<>();

    @BeforeAll
    static void server() {
        Services.assumeReachable("beanstalkd", "127.0.0.1", PORT);
    }

    @AfterEach
    void cleanUp() {
        queues.forEach(Queue::close);
        cleaner.close();
    }

    @Test
    void flush_ofATubeWithJobsTheQueueDidNotPut_deletesNothing_andSaysWhatToDo() {
        String tube = cleaner.track(Services.uniqueName("foreign"));
        List<Long> foreign = putForeignJobs(PORT, tube);
        Map<Long, String> before = snapshot(PORT, foreign);
        Queue queue = queue(tube, Map.of());

        Throwable error = catchThrowable(queue::flush);

        assertThat(error).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tube '" + tube + "'").hasMessageContaining("beanstalkd at 127.0.0.1:" + PORT)
                .hasMessageContaining("4 jobs").hasMessageContaining("adoptTube: true")
                .hasMessageContaining("queueNamePrefix");
        assertThat(error.getMessage()).as("one line").doesNotContain("\n");
        assertThat(snapshot(PORT, foreign)).isEqualTo(before);
    }

    @Test
    void noMoveOfTheQueue_norAWorker_touchesJobsTheQueueDidNotPut() {
        String tube = cleaner.track(Services.uniqueName("foreign"));
        List<Long> foreign = putForeignJobs(PORT, tube);
        Map<Long, String> before = snapshot(PORT, foreign);
        Queue queue = queue(tube, Map.of());
        Map<String, Consumer<Queue>> moves = new LinkedHashMap<>();
        moves.put("setUp", Queue::setUp);
        moves.put("waitAndReserve", q -> q.waitAndReserve(Duration.ZERO));
        moves.put("waitAndReserve(2)", q -> q.waitAndReserve(2, Duration.ZERO));
        moves.put("waitAndTake", q -> q.waitAndTake(Duration.ZERO));
        moves.put("peek", q -> q.peek(1));
        moves.put("submit", q -> q.submit("mine"));
        moves.put("counts", Queue::counts);
        moves.put("listFailed", q -> q.listFailed(10));
        moves.put("retryFailed", q -> q.retryFailed(Long.toString(foreign.get(3))));
        moves.put("deleteFailed", q -> q.deleteFailed(Long.toString(foreign.get(3))));

        moves.forEach((move, call) -> assertThat(catchThrowable(() -> call.accept(queue))).as(move)
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tube '" + tube + "'"));
        runAWorkerBriefly(tube);

        assertThat(snapshot(PORT, foreign)).as("the foreign jobs after every move was refused").isEqualTo(before);
        assertThat(jobsIn(PORT, tube)).as("jobs in the tube").isEqualTo(4);
    }

    @Test
    void anEmptyTube_isMarkedOnFirstUse_andWorksAsBefore_alsoForASecondInstance() {
        String tube = cleaner.track(Services.uniqueName("fresh"));
        Queue first = queue(tube, Map.of());

        first.setUp();
        String id = first.submit("mine");

        assertThat(buriedIn(PORT, tube + ".jq-owner")).as("marks in the side tube").isEqualTo(1);
        Queue second = queue(tube, Map.of());
        Message message = second.waitAndReserve(WAIT).orElseThrow();
        assertThat(message.id()).isEqualTo(id);
        assertThat(second.abort(message, "made to fail")).isTrue();
        first.flush();
        assertThat(jobsIn(PORT, tube)).isZero();
        assertThat(buriedIn(PORT, tube + ".jq-owner")).as("the mark stays after a flush").isEqualTo(1);
        second.submit("after the flush");
        assertThat(first.waitAndTake(WAIT)).map(Message::payload).contains("after the flush");
    }

    @Test
    void theFirstSubmit_orReserve_marksAnEmptyTube_withoutSetUp() {
        String submitted = cleaner.track(Services.uniqueName("first-submit"));
        String reserved = cleaner.track(Services.uniqueName("first-reserve"));

        queue(submitted, Map.of()).submit("mine");
        assertThat(queue(reserved, Map.of()).waitAndReserve(Duration.ZERO)).isEmpty();

        assertThat(buriedIn(PORT, submitted + ".jq-owner")).isEqualTo(1);
        assertThat(buriedIn(PORT, reserved + ".jq-owner")).isEqualTo(1);
    }

    @Test
    void adoptTube_takesTheJobsOfAnEarlierVersionAsTheQueuesOwn() {
        String tube = cleaner.track(Services.uniqueName("earlier"));
        List<Long> earlier = putForeignJobs(PORT, tube);
        Queue adopting = queue(tube, Map.of("adoptTube", true));

        adopting.setUp();

        assertThat(buriedIn(PORT, tube + ".jq-owner")).isEqualTo(1);
        Queue plain = queue(tube, Map.of());
        Message first = plain.waitAndReserve(WAIT).orElseThrow();
        assertThat(first.id()).isEqualTo(Long.toString(earlier.get(0)));
        assertThat(first.payload()).isEqualTo("foreign 1");
        assertThat(plain.countFailed()).as("the earlier version's buried job").isEqualTo(1);
        plain.flush();
        assertThat(jobsIn(PORT, tube)).as("jobs after the flush").isZero();
    }

    @Test
    void anInstanceThatHadMarkedItsTube_marksItAgain_whenAServerWithoutBinlogLostTheMark() {
        try (BeanstalkdServer server = BeanstalkdServer.start()) {
            String tube = Services.uniqueName("restart");
            Map<String, Object> options = Map.of("port", server.port());
            Queue before = queue(tube, options);
            before.setUp();
            before.submit("lost with the restart");

            server.killAndRestart(); // no binlog: every job and the mark are gone
            await("a submit after the restart").atMost(WAIT).ignoreExceptions()
                    .until(() -> before.submit("after the restart") != null);

            Queue after = queue(tube, options);
            assertThat(after.waitAndTake(WAIT)).map(Message::payload).contains("after the restart");
            assertThat(buriedIn(server.port(), tube + ".jq-owner")).isEqualTo(1);
        }
    }

    private Queue queue(String tube, Map<String, Object> options) {
        Map<String, Object> merged = new HashMap<>(Map.of("port", PORT));
        merged.putAll(options);
        Queue queue = Queue.open(new BeanstalkdQueueFactory(), tube, merged);
        queues.add(queue);
        return queue;
    }

    /** A worker of its own on the tube, for a bounded time: it must not reserve anything. */
    private static void runAWorkerBriefly(String tube) {
        JobQueueSettings settings = JobQueueSettings.builder()
                .queue(tube, QueueSettings.builder().className("beanstalkd").option("port", PORT).build()).build();
        try (QueueManager queues = new QueueManager(settings)) {
            Worker worker = Worker.builder(new JobManager(queues)).queues(tube).concurrency(2)
                    .pollTimeout(Duration.ofMillis(200)).exitAfter(Duration.ofSeconds(1)).stopOnSignals(false).build();
            assertThat(worker.run().executed()).isZero();
        }
    }

    /** Another application's jobs, put with a raw client: two ready, one delayed, one buried. */
    static List<Long> putForeignJobs(int port, String tube) {
        try (BeanstalkClient client = raw(port, tube)) {
            long first = client.put(100, 0, 60, bytes("foreign 1"));
            long second = client.put(200, 0, 60, bytes("foreign 2"));
            long delayed = client.put(100, 3600, 60, bytes("foreign, delayed"));
            long buried = client.put(50, 0, 60, bytes("foreign, buried"));
            client.useAndWatchOnly(tube);
            RawJob reserved = client.reserve(Duration.ZERO); // the most urgent: the one to bury
            assertThat(reserved.id()).isEqualTo(buried);
            assertThat(client.bury(buried, 50)).isTrue();
            return List.of(first, second, delayed, buried);
        }
    }

    /** Each job's stats and body, as another tool sees them. */
    static Map<Long, String> snapshot(int port, List<Long> ids) {
        Map<Long, String> jobs = new LinkedHashMap<>();
        try (BeanstalkClient client = raw(port, "default")) {
            for (long id : ids) {
                JobStats stats = client.statsJob(id);
                RawJob job = client.peek(id);
                jobs.put(id, stats + " " + (job == null ? "gone" : new String(job.body(), StandardCharsets.UTF_8)));
            }
        }
        return jobs;
    }

    static long jobsIn(int port, String tube) {
        return counter(port, tube, "current-jobs-ready") + counter(port, tube, "current-jobs-delayed")
                + counter(port, tube, "current-jobs-reserved") + counter(port, tube, "current-jobs-buried");
    }

    static long buriedIn(int port, String tube) {
        return counter(port, tube, "current-jobs-buried");
    }

    private static long counter(int port, String tube, String key) {
        try (BeanstalkClient client = raw(port, "default")) {
            return Optional.ofNullable(client.statsTube(tube)).map(s -> Long.parseLong(s.getOrDefault(key, "0"))).orElse(0L);
        }
    }

    private static BeanstalkClient raw(int port, String tube) {
        BeanstalkClient client = BeanstalkClient.open(new Endpoint("127.0.0.1", port, tube, Duration.ofSeconds(2), WAIT));
        client.use(tube);
        return client;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
