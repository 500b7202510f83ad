package io.jobqueue;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A queue that hands every call to another; test doubles override what they change. */
class ForwardingQueue implements Queue {

    private final Queue delegate;

    ForwardingQueue(Queue delegate) {
        this.delegate = delegate;
    }

    @Override public String name() { return delegate.name(); }
    @Override public QueueCapabilities capabilities() { return delegate.capabilities(); }
    @Override public void setUp() { delegate.setUp(); }
    @Override public String submit(String payload, SubmitOptions options) { return delegate.submit(payload, options); }
    @Override public List<String> submitAll(List<String> payloads, SubmitOptions options) { return delegate.submitAll(payloads, options); }
    @Override public Optional<Message> waitAndTake(Duration timeout) { return delegate.waitAndTake(timeout); }
    @Override public Optional<Message> waitAndReserve(Duration timeout) { return delegate.waitAndReserve(timeout); }
    @Override public List<Message> waitAndReserve(int max, Duration timeout) { return delegate.waitAndReserve(max, timeout); }
    @Override public boolean release(String id, ReleaseOptions options) { return delegate.release(id, options); }
    @Override public boolean abort(String id, String reason) { return delegate.abort(id, reason); }
    @Override public boolean finish(String id) { return delegate.finish(id); }
    @Override public int finishAll(Collection<String> ids) { return delegate.finishAll(ids); }
    @Override public boolean extendLease(String id) { return delegate.extendLease(id); }
    @Override public int extendLeases(Collection<String> ids) { return delegate.extendLeases(ids); }
    @Override public Duration leaseTimeout() { return delegate.leaseTimeout(); }
    @Override public List<Message> peek(int limit) { return delegate.peek(limit); }
    @Override public long countReady() { return delegate.countReady(); }
    @Override public long countReserved() { return delegate.countReserved(); }
    @Override public long countFailed() { return delegate.countFailed(); }
    @Override public List<FailedMessage> listFailed(int limit) { return delegate.listFailed(limit); }
    @Override public boolean retryFailed(String id) { return delegate.retryFailed(id); }
    @Override public void flush() { delegate.flush(); }
    @Override public void close() { delegate.close(); }
}
