package io.jobqueue.testkit.selfcheck;

import io.jobqueue.FailedMessage;
import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.ReleaseOptions;
import io.jobqueue.SubmitOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Passes every call to another queue; broken test doubles override the one call they get wrong. */
abstract class ForwardingQueue implements Queue {

    final Queue delegate;

    ForwardingQueue(Queue delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public QueueCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void setUp() {
        delegate.setUp();
    }

    @Override
    public String submit(String payload, SubmitOptions options) {
        return delegate.submit(payload, options);
    }

    @Override
    public Optional<Message> waitAndTake(Duration timeout) {
        return delegate.waitAndTake(timeout);
    }

    @Override
    public Optional<Message> waitAndReserve(Duration timeout) {
        return delegate.waitAndReserve(timeout);
    }

    @Override
    public boolean release(String id, ReleaseOptions options) {
        return delegate.release(id, options);
    }

    @Override
    public boolean abort(String id, String reason) {
        return delegate.abort(id, reason);
    }

    @Override
    public boolean finish(String id) {
        return delegate.finish(id);
    }

    @Override
    public boolean extendLease(String id) {
        return delegate.extendLease(id);
    }

    @Override
    public Duration leaseTimeout() {
        return delegate.leaseTimeout();
    }

    @Override
    public List<Message> peek(int limit) {
        return delegate.peek(limit);
    }

    @Override
    public long countReady() {
        return delegate.countReady();
    }

    @Override
    public long countReserved() {
        return delegate.countReserved();
    }

    @Override
    public long countFailed() {
        return delegate.countFailed();
    }

    @Override
    public List<FailedMessage> listFailed(int limit) {
        return delegate.listFailed(limit);
    }

    @Override
    public boolean retryFailed(String id) {
        return delegate.retryFailed(id);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
