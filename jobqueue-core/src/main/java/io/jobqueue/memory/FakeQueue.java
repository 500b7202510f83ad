package io.jobqueue.memory;

import io.jobqueue.FailedMessage;
import io.jobqueue.JobExecutionException;
import io.jobqueue.JobSerializer;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import io.jobqueue.spi.OptionReader;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job as soon as it is submitted, with no worker: in the caller's thread, or with
 * {@code async: true} on a background thread. Alias {@code fake}.
 *
 * <p>Its limits, as in the original: nothing is stored, so there are no retries, no release, no
 * failed store and all counts are 0; a failing job's exception reaches the submitter (sync) or the
 * log (async); delays and priorities are ignored. Reserving from it throws, since no worker is
 * needed. Use it for development, or in tests that want queued work to happen inline.
 */
public final class FakeQueue implements Queue {

    private static final Logger LOG = LoggerFactory.getLogger(FakeQueue.class);
    private static final QueueCapabilities CAPABILITIES = new QueueCapabilities(
            "fake", false, false, false, false, false, false, false, false, false);

    private final String name;
    private final boolean async;
    private final JobSerializer serializer;
    private ExecutorService executor;

    public FakeQueue(String name, boolean async) {
        this.name = name;
        this.async = async;
        this.serializer = JobSerializer.defaultSerializer();
    }

    /** Builds a fake queue from settings; option {@code async} (default false). */
    public static FakeQueue create(QueueContext context) {
        OptionReader options = context.options();
        boolean async = options.bool("async", false);
        options.allow("defaultTimeout", "leaseTimeout").done();
        return new FakeQueue(context.name(), async);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public QueueCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void setUp() {
        // nothing to prepare
    }

    /** Runs the job now (or hands it to the background thread) and returns a fresh id. */
    @Override
    public String submit(String payload, SubmitOptions options) {
        Message message = new Message(UUID.randomUUID().toString(), payload);
        if (async) {
            executor().execute(() -> {
                try {
                    run(message);
                } catch (Throwable e) { // an Error too: the background thread outlives every job
                    LOG.error("Job in message {} of fake queue {} failed: {}", message.id(), name, e.getMessage(), e);
                }
            });
        } else {
            run(message);
        }
        return message.id();
    }

    private void run(Message message) {
        boolean success;
        try {
            success = serializer.deserialize(message.payload()).execute(this, message);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new JobExecutionException("job in message " + message.id() + " of fake queue " + name + " failed: " + e, name, message.id(), false, e);
        }
        if (!success) {
            throw new JobExecutionException("job in message " + message.id() + " of fake queue " + name + " did not return true",
                    name, message.id(), false, null);
        }
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "jobqueue-fake-" + name);
                thread.setDaemon(true);
                return thread;
            });
        }
        return executor;
    }

    @Override
    public Optional<Message> waitAndTake(Duration timeout) {
        throw noWorker("waitAndTake");
    }

    @Override
    public Optional<Message> waitAndReserve(Duration timeout) {
        throw noWorker("waitAndReserve");
    }

    @Override
    public List<Message> waitAndReserve(int max, Duration timeout) {
        throw noWorker("waitAndReserve");
    }

    @Override
    public boolean release(String id, ReleaseOptions options) {
        throw new UnsupportedOperationException("release is not supported by the fake queue '" + name
                + "': it keeps no messages; set maximumNumberOfReleases: 0 for it");
    }

    @Override
    public boolean abort(String id, String reason) {
        return false;
    }

    @Override
    public boolean finish(String id) {
        return false;
    }

    @Override
    public boolean extendLease(String id) {
        return false;
    }

    @Override
    public Duration leaseTimeout() {
        return Duration.ZERO;
    }

    @Override
    public List<Message> peek(int limit) {
        return List.of();
    }

    @Override
    public long countReady() {
        return 0;
    }

    @Override
    public long countReserved() {
        return 0;
    }

    @Override
    public long countFailed() {
        return 0;
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        return List.of();
    }

    @Override
    public boolean retryFailed(String id) {
        return false;
    }

    @Override
    public void flush() {
        // nothing is stored
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdown();
        }
    }

    private UnsupportedOperationException noWorker(String operation) {
        return new UnsupportedOperationException(operation + " is not supported by the fake queue '" + name
                + "': it runs each job when it is submitted, so no worker is needed");
    }
}
