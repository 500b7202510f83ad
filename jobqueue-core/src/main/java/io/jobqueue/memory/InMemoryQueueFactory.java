package io.jobqueue.memory;

import io.jobqueue.spi.BackendFactory;

/** Registers {@link InMemoryBackend} under the alias {@code memory}. */
public final class InMemoryQueueFactory extends BackendFactory {

    public InMemoryQueueFactory() {
        super("memory", InMemoryBackend.class, InMemoryBackend::create, InMemoryBackend.CAPABILITIES);
    }
}
