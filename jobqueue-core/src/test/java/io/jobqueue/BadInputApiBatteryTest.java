package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonValue;
import io.jobqueue.testjobs.ErrorThrowingJob;
import io.jobqueue.testjobs.ExitingJob;
import io.jobqueue.testjobs.Recorder;
import io.jobqueue.testjobs.RecordingJob;
import io.jobqueue.testjobs.SleepingJob;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's Java API part, on the in-memory queue. Misuse at submit (null job, queue name or
 * options, a job Jackson cannot serialize) is refused with an exception naming what was wrong and
 * stores nothing. A job that throws an {@link Error}, never returns (with a queue timeout) or calls
 * {@code System.exit} in an isolated child is one failed attempt with its reason, and a Worker goes
 * on to the next job. {@code System.exit} in the worker's own JVM cannot be caught (Java 17 has no
 * supported way to forbid it; the worker's signal handling installs no shutdown hook): it ends the
 * worker's JVM at once with the job's exit code, the worker never returns, and the next job never
 * runs there. That is shown in a child JVM ({@link ExitInTheWorkersJvm}), not in the test's own.
 */
class BadInputApiBatteryTest {

    private final String name = "bi-api-" + UUID.randomUUID();
    private QueueManager queues;
    private JobManager jobs;

    @AfterEach
    void tearDown() {
        if (queues != null) {
            queues.close();
        }
    }

    private void configure(QueueSettings.Builder settings) {
        queues = new QueueManager(JobQueueSettings.builder()
                .queue(name, settings.className("memory").maximumNumberOfReleases(0).releaseOption("delay", 0).build()).build());
        jobs = new JobManager(queues);
    }

    // misuse at submit

    /** A field of a type whose {@link JsonValue} accessor throws. */
    public static final class ThrowingValueJob implements Job {
        private final Refusing value = new Refusing();

        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    public static final class Refusing {
        @JsonValue
        public String value() {
            throw new IllegalStateException("this getter refuses on purpose");
        }
    }

    /** A field of a type Jackson refuses without a module: Optional. */
    public static final class OptionalFieldJob implements Job {
        private final Optional<String> maybe = Optional.of("x");

        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    interface Submit {
        Object on(JobManager jobs, String queue);
    }

    static Stream<Arguments> misuses() {
        return Stream.of(
                misuse("null job", (jobs, q) -> jobs.queue(q, null), IllegalArgumentException.class, "the job submitted to queue 'bi-api-"),
                misuse("null queue name", (jobs, q) -> jobs.queue(null, new RecordingJob("k", "v")), IllegalArgumentException.class, "the queue name of a submit is null"),
                misuse("null options", (jobs, q) -> jobs.queue(q, new RecordingJob("k", "v"), null), IllegalArgumentException.class, "are null; give SubmitOptions.DEFAULT for none"),
                misuse("null job in a batch", (jobs, q) -> jobs.queueAll(q, java.util.Arrays.asList(new RecordingJob("k", "v"), null),
                        SubmitOptions.DEFAULT), IllegalArgumentException.class, "job 1 of a submit to queue 'bi-api-"),
                misuse("unknown queue", (jobs, q) -> jobs.queue(q + "-nope", new RecordingJob("k", "v")), RuntimeException.class, "-nope"),
                misuse("a field with no serializer (Optional)", (jobs, q) -> jobs.queue(q, new OptionalFieldJob()),
                        JobSerializationException.class, "cannot queue job " + OptionalFieldJob.class.getName()
                                + ": it cannot be written as JSON (field maybe): Java 8 optional type"),
                misuse("a getter that throws", (jobs, q) -> jobs.queue(q, new ThrowingValueJob()),
                        JobSerializationException.class, "(field value.value()): Failed to getValue() with method "
                                + Refusing.class.getName() + "#value(): this getter refuses on purpose"));
    }

    private static Arguments misuse(String what, Submit submit, Class<? extends Throwable> type, String fragment) {
        return Arguments.of(what, submit, type, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuses")
    void misuseAtSubmit_isRefusedNamingWhatWasWrong_andNothingIsStored(String what, Submit submit,
            Class<? extends Throwable> type, String fragment) {
        configure(QueueSettings.builder());

        Throwable refused = catchThrowable(() -> submit.on(jobs, name));

        assertThat(refused).as(what).isInstanceOf(type).hasMessageContaining(fragment);
        assertThat(refused.getMessage()).as(what).doesNotContain("\n");
        if (what.startsWith("null")) { // a serialization error names the job's class and field instead
            assertThat(refused.getMessage()).as(what).contains(what.startsWith("null queue") ? name : "'" + name + "'");
        }
        assertThat(queues.getQueue(name).counts().ready()).isZero();
    }

    // jobs that fail badly at run time

    /** Recurses until the stack overflows. */
    public static final class StackOverflowJob implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            return deeper(0) > 0;
        }

        private static int deeper(int n) {
            return deeper(n + 1) + 1;
        }
    }

    /** Fails an assertion (thrown, whether or not -ea is on). */
    public static final class AssertionFailingJob implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            throw new AssertionError("expected 1, was 2");
        }
    }

    static Stream<Arguments> failures() {
        Function<String, Job> oom = key -> new ErrorThrowingJob(key, "oom", "Java heap space");
        return Stream.of(
                failure("OutOfMemoryError", QueueSettings.builder(), oom, "OutOfMemoryError: Java heap space"),
                failure("StackOverflowError", QueueSettings.builder(), key -> new StackOverflowJob(), "java.lang.StackOverflowError"),
                failure("AssertionError", QueueSettings.builder(), key -> new AssertionFailingJob(), "AssertionError: expected 1, was 2"),
                failure("never returns, queue timeout 0.3 s", QueueSettings.builder().timeout(Duration.ofMillis(300)),
                        SleepingJob::forAMinute, "timed out after 0.3 s"),
                failure("System.exit(3) in an isolated child", QueueSettings.builder().executeIsolated(true),
                        key -> new ExitingJob(3), "isolated child exited with code 3 without an answer"),
                failure("System.exit(0) in an isolated child", QueueSettings.builder().executeIsolated(true),
                        key -> new ExitingJob(0), "isolated child exited with code 0 without an answer"),
                failure("OutOfMemoryError in an isolated child", QueueSettings.builder().executeIsolated(true), oom,
                        "OutOfMemoryError: Java heap space"));
    }

    private static Arguments failure(String what, QueueSettings.Builder settings, Function<String, Job> job, String reason) {
        return Arguments.of(what, settings, job, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void jobFailingBadly_isOneFailedAttemptWithItsReason_andTheWorkerGoesOn(String what, QueueSettings.Builder settings,
            Function<String, Job> job, String reason) {
        configure(settings);
        String bad = jobs.queue(name, job.apply(name));
        jobs.queue(name, new RecordingJob(name, "after"));

        WorkerStats stats = Worker.builder(jobs).queues(name).limit(2).exitAfter(Duration.ofSeconds(60)).build().run();

        assertThat(stats).as(what).isEqualTo(new WorkerStats(2, 1, 0, 1, WorkerStats.StopReason.LIMIT));
        Queue queue = queues.getQueue(name);
        assertThat(queue.listFailed(10)).singleElement().satisfies(failed -> {
            assertThat(failed.message().id()).isEqualTo(bad);
            assertThat(failed.reason()).startsWith(reason);
        });
        assertThat(queue.countReady() + queue.countReserved()).as("nothing lost, nothing left").isZero();
        if (!what.contains("isolated")) {
            assertThat(Recorder.runs(name)).contains("after"); // an isolated child records in its own JVM
        }
    }

    /**
     * A child JVM: a Worker (with signal handling, as {@code job:work} runs it) on a memory queue
     * holding a job that calls {@code System.exit(7)} and a good job after it.
     */
    public static final class ExitInTheWorkersJvm {
        private ExitInTheWorkersJvm() {
        }

        public static void main(String[] args) {
            QueueManager queues = new QueueManager(JobQueueSettings.builder().queue("exit", QueueSettings.builder()
                    .className("memory").maximumNumberOfReleases(0).build()).build());
            JobManager jobs = new JobManager(queues);
            jobs.queue("exit", new ExitingJob(7));
            jobs.queue("exit", new RecordingJob("exit", "after"));
            WorkerStats stats = Worker.builder(jobs).queues("exit").limit(2).stopOnSignals(true)
                    .exitAfter(Duration.ofSeconds(20)).build().run();
            System.out.println("worker returned " + stats + ", ran " + Recorder.runs("exit"));
        }
    }

    @org.junit.jupiter.api.Test
    void systemExit_inTheWorkersOwnJvm_endsTheJvmWithTheJobsCode_theWorkerDoesNotGoOn() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), ExitInTheWorkersJvm.class.getName())
                .redirectErrorStream(true).start();
        try {
            java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("the child ended").isTrue();
            String out = output.get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(child.exitValue()).as(out).isEqualTo(7);
            assertThat(out).contains("exiting with 7 on purpose").doesNotContain("worker returned");
        } finally {
            child.destroyForcibly();
        }
    }
}
