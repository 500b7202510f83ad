package io.jobqueue.memory;

import io.jobqueue.spi.BackendFactory;

/** Registers {@link FakeBackend} under the alias {@code fake}. */
public final class FakeQueueFactory extends BackendFactory {

    public FakeQueueFactory() {
        super("fake", FakeBackend.class, FakeBackend::create, FakeBackend.CAPABILITIES);
    }
}
