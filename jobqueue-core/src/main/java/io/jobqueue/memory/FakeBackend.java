package io.jobqueue.memory;

import io.jobqueue.Capability;
import io.jobqueue.DelayedMessage;
import io.jobqueue.FailedMessage;
import io.jobqueue.JobExecutionException;
import io.jobqueue.JobSerializer;
import io.jobqueue.Message;
import io.jobqueue.MessageInfo;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.QueueCounts;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.WorkerHeartbeat;
import io.jobqueue.spi.Abort;
import io.jobqueue.spi.NewMessage;
import io.jobqueue.spi.QueueBackend;
import io.jobqueue.spi.QueueContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * log (async). It declares only {@link Capability#HEADERS}, so a delayed submit or a reserve is
 * refused by the {@link Queue}, and a worker over it is refused when it is built. Use it for
 * development, or in tests that want queued work to happen inline.
 */
public final class FakeBackend implements QueueBackend {

    private static final Logger LOG = LoggerFactory.getLogger(FakeBackend.class);
    static final QueueCapabilities CAPABILITIES = QueueCapabilities.of("fake", Capability.HEADERS, Capability.PRIORITY);

    private final String name;
    private final boolean async;
    private final JobSerializer serializer = JobSerializer.defaultSerializer();
    private final Queue queue;
    private ExecutorService executor;

    private FakeBackend(QueueContext context, boolean async) {
        this.name = context.name();
        this.async = async;
        this.queue = Queue.of(context, this);
    }

    /** Builds a fake backend from a queue's context; option {@code async} (default false). */
    public static FakeBackend create(QueueContext context) {
        var options = context.options();
        boolean async = options.bool("async", false);
        options.done();
        return new FakeBackend(context, async);
    }

    @Override
    public QueueCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void setUp() {
        // nothing to prepare
    }

    /** Runs each job now (or hands it to the background thread) and returns fresh ids. */
    @Override
    public List<String> submit(List<NewMessage> messages) {
        List<String> ids = new ArrayList<>(messages.size());
        for (NewMessage submitted : messages) {
            Message message = new Message(UUID.randomUUID().toString(), submitted.payload(), submitted.options().headers(), 0, 1, "");
            ids.add(message.id());
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
        }
        return ids;
    }

    private void run(Message message) {
        boolean success;
        try {
            success = serializer.deserialize(message.payload()).execute(queue, message);
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
    public List<Message> reserve(int max, Duration timeout) {
        return List.of(); // never called: the Queue refuses reserve without Capability.RESERVE
    }

    @Override
    public Set<String> finish(List<Message> messages) {
        return Set.of();
    }

    @Override
    public Set<String> release(List<Message> messages, ReleaseOptions options) {
        return Set.of();
    }

    @Override
    public Set<String> abort(List<Abort> aborts) {
        return Set.of();
    }

    @Override
    public Set<String> extendLeases(List<Message> messages) {
        return Set.of();
    }

    @Override
    public List<Message> peek(int limit) {
        return List.of();
    }

    @Override
    public QueueCounts counts() {
        return QueueCounts.EMPTY;
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        return List.of();
    }

    @Override
    public List<DelayedMessage> listDelayed(int limit) {
        return List.of(); // never called: the Queue refuses it without Capability.LIST_DELAYED
    }

    @Override
    public Optional<MessageInfo> find(String id) {
        return Optional.empty(); // never called: the Queue refuses it without Capability.FIND_BY_ID
    }

    @Override
    public void publishHeartbeat(WorkerHeartbeat heartbeat, Duration ttl) {
        // never called: the Queue refuses it without Capability.WORKER_HEARTBEATS (no worker runs on a fake queue)
    }

    @Override
    public boolean removeHeartbeat(String workerId) {
        return false; // never called: the Queue refuses it without Capability.WORKER_HEARTBEATS
    }

    @Override
    public List<WorkerHeartbeat> listHeartbeats(int limit) {
        return List.of(); // never called: the Queue refuses it without Capability.WORKER_HEARTBEATS
    }

    @Override
    public boolean retryFailed(String id) {
        return false;
    }

    @Override
    public boolean deleteFailed(String id) {
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
}
