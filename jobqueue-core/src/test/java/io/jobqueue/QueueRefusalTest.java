package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobqueue.testjobs.RecordingJob;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code queue()} and {@code queueAll()} refuse a job whose payload a worker would refuse, before
 * anything is written: past the reader's limits, nested too deep, or holding what cannot be read
 * back (a thread, a class loader, a stream, a socket, …). The exception is one line and names the
 * job class and the field.
 */
class QueueRefusalTest {

    private final String name = "refuse-" + UUID.randomUUID();
    private final RecordingJobListener listener = new RecordingJobListener();
    private QueueManager queues;
    private JobManager jobs;

    record TextJob(String text) implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            return text != null;
        }
    }

    record ThreeTextsJob(String a, String b, String c) implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    record NumberJob(BigInteger big) implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    record MapJob(Map<String, String> map) implements Job {
        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    /** A link of a chain as deep as wanted. */
    static final class Link {
        Link next;
    }

    static final class ChainJob implements Job {
        Link root;

        ChainJob() {
        }

        ChainJob(int depth) {
            root = new Link();
            Link link = root;
            for (int i = 1; i < depth; i++) {
                link.next = new Link();
                link = link.next;
            }
        }

        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    /** A job that holds {@code value} in a field declared as {@code type}. */
    static final class HoldingJob implements Job {
        Thread thread;
        ClassLoader loader;
        InputStream stream;
        Socket socket;
        Optional<Thread> optionalThread;
        Object anything;

        @Override
        public boolean execute(Queue queue, Message message) {
            return true;
        }
    }

    /** A service whose deferred method takes a stream: it can be called, not deferred with one. */
    public interface Uploads {
        @Defer(queue = "will-be-replaced")
        void upload(InputStream data);
    }

    @BeforeEach
    void configure() {
        queues = new QueueManager(JobQueueSettings.builder().queue(name, QueueSettings.builder().className("memory").build()).build());
        jobs = new JobManager(queues).addListener(listener);
    }

    @AfterEach
    void tearDown() {
        queues.close();
    }

    private void assertNothingWritten() {
        Queue queue = queues.getQueue(name);
        assertThat(queue.countReady() + queue.countReserved() + queue.countFailed()).as("nothing submitted").isZero();
        assertThat(listener.events).as("no listener told").isEmpty();
    }

    private JobSerializationException refusal(Job job) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> jobs.queue(name, job));
        assertThat(thrown).isInstanceOf(JobSerializationException.class);
        JobSerializationException refusal = (JobSerializationException) thrown;
        assertThat(refusal.getMessage()).startsWith("cannot queue job " + job.getClass().getName() + ": ").doesNotContain("\n");
        assertThat(refusal.jobClass()).isEqualTo(job.getClass().getName());
        assertNothingWritten();
        return refusal;
    }

    @Test
    void aStringLongerThanTheReaderAllows_isRefusedNamingTheField() {
        JobSerializationException refusal = refusal(new TextJob("x".repeat(25_000_000)));

        assertThat(refusal.field()).isEqualTo("text");
        assertThat(refusal.getMessage()).contains("a worker could not read its payload back (field text)",
                "exceeds the maximum allowed (" + JobSerializer.MAX_STRING_LENGTH);
    }

    @Test
    void aStringJustWithinTheLimit_isQueuedAndRuns() {
        jobs.queue(name, new TextJob("x".repeat(JobSerializer.MAX_STRING_LENGTH - 1)));

        assertThat(jobs.waitAndExecute(name, Duration.ZERO)).isPresent();
    }

    @Test
    void aNumberLongerThanTheReaderAllows_isRefused() {
        JobSerializationException refusal = refusal(new NumberJob(BigInteger.TEN.pow(JobSerializer.MAX_NUMBER_LENGTH)));

        assertThat(refusal.field()).isEqualTo("big");
        assertThat(refusal.getMessage()).contains("Number value length");
    }

    @Test
    void aPropertyNameLongerThanTheReaderAllows_isRefused() {
        JobSerializationException refusal = refusal(new MapJob(Map.of("k".repeat(JobSerializer.MAX_NAME_LENGTH + 1), "v")));

        assertThat(refusal.field()).isEqualTo("map");
        assertThat(refusal.getMessage()).contains("Name length");
    }

    @Test
    void aPayloadLongerThanTheReaderAllows_isRefused() {
        String part = "x".repeat(19_000_000); // each within the string limit, together past the payload limit
        JobSerializationException refusal = refusal(new ThreeTextsJob(part, part, part));

        assertThat(refusal.getMessage()).contains("Document length", "exceeds the maximum allowed (" + JobSerializer.MAX_PAYLOAD_LENGTH);
    }

    @Test
    void nestingDeeperThanTheReaderAllows_isRefusedNamingThePath() {
        JobSerializationException refusal = refusal(new ChainJob(JobSerializer.MAX_NESTING_DEPTH + 10));

        assertThat(refusal.field()).startsWith("root.next.next.").endsWith("levels)");
        assertThat(refusal.getMessage()).contains("nesting depth");
        jobs.queue(name, new ChainJob(JobSerializer.MAX_NESTING_DEPTH - 10)); // within the limit: queued
    }

    @Test
    void fieldsThatCannotBeReadBack_areRefused_threadClassLoaderStreamSocketOptional() throws Exception {
        HoldingJob thread = new HoldingJob();
        thread.thread = Thread.currentThread();
        HoldingJob loader = new HoldingJob();
        loader.loader = getClass().getClassLoader();
        HoldingJob stream = new HoldingJob();
        stream.stream = new ByteArrayInputStream(new byte[] {1, 2, 3});
        HoldingJob optional = new HoldingJob();
        optional.optionalThread = Optional.of(Thread.currentThread());
        HoldingJob untyped = new HoldingJob();
        untyped.anything = Thread.currentThread();

        assertThat(refusal(thread).field()).isEqualTo("thread");
        assertThat(refusal(loader).field()).isEqualTo("loader");
        assertThat(refusal(stream).field()).isEqualTo("stream");
        assertThat(refusal(optional).field()).isEqualTo("optionalThread");
        assertThat(refusal(untyped).field()).as("a thread in an Object field").isEqualTo("anything");
        try (Socket socket = new Socket()) {
            HoldingJob withSocket = new HoldingJob();
            withSocket.socket = socket;
            assertThat(refusal(withSocket).field()).isEqualTo("socket");
        }
        assertThat(refusal(untyped).getMessage()).doesNotContain(getClass().getName() + ".fieldsThatCannotBeReadBack")
                .as("no stack trace of the submitting thread");
    }

    @Test
    void queueAll_withOneRefusedJob_writesNothing() {
        HoldingJob bad = new HoldingJob();
        bad.thread = Thread.currentThread();

        assertThatThrownBy(() -> jobs.queueAll(name, List.of(new RecordingJob(name, "a"), bad, new RecordingJob(name, "b")),
                SubmitOptions.DEFAULT))
                .isInstanceOf(JobSerializationException.class)
                .hasMessageStartingWith("cannot queue job " + HoldingJob.class.getName());

        assertNothingWritten();
    }

    @Test
    void aDeferredMethodWithAStreamParameter_isRefusedWhenTheProxyIsMade_andWritesNothing() {
        QueueManager deferQueues = new QueueManager(JobQueueSettings.builder()
                .queue("will-be-replaced", QueueSettings.builder().className("memory").build()).build());
        JobManager deferJobs = new JobManager(deferQueues);

        assertThatThrownBy(() -> Deferred.proxy(deferJobs, Uploads.class, data -> { }))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("#upload: argument 1 (InputStream) cannot travel as JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        assertThat(deferQueues.getQueue("will-be-replaced").countReady()).isZero();
        deferQueues.close();
    }
}
