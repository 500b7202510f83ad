package io.jobqueue.micrometer.internal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters one binding registered, so that closing it removes exactly those from the registry.
 * Thread-safe.
 */
public final class OwnedMeters {

    private final MeterRegistry registry;
    private final Set<Meter> meters = ConcurrentHashMap.newKeySet();

    public OwnedMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Remembers a meter that was just registered; returns it. */
    public <M extends Meter> M add(M meter) {
        meters.add(meter);
        return meter;
    }

    /** Removes every remembered meter from the registry. */
    public void removeAll() {
        for (Meter meter : meters) {
            registry.remove(meter);
        }
        meters.clear();
    }
}
