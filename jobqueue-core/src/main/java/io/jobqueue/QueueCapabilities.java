package io.jobqueue;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a backend can do, declared by the backend rather than discovered by trial: the {@link Queue}
 * refuses calls that need what is missing, the conformance suite skips its tests with a printed
 * reason and {@code queue:describe} prints the set.
 *
 * <pre>{@code
 * QueueCapabilities.all("beanstalkd").without(Capability.PEEK_MANY)
 * QueueCapabilities.of("fake", Capability.HEADERS)
 * }</pre>
 *
 * @param backend      short backend name used in messages, e.g. {@code memory}, {@code jdbc}
 * @param capabilities what it can do
 */
public record QueueCapabilities(String backend, Set<Capability> capabilities) {

    public QueueCapabilities {
        Objects.requireNonNull(backend, "backend");
        EnumSet<Capability> copy = EnumSet.noneOf(Capability.class);
        copy.addAll(capabilities);
        capabilities = Collections.unmodifiableSet(copy);
    }

    /** Every capability. */
    public static QueueCapabilities all(String backend) {
        return new QueueCapabilities(backend, EnumSet.allOf(Capability.class));
    }

    /** Exactly the given capabilities. */
    public static QueueCapabilities of(String backend, Capability... capabilities) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        set.addAll(java.util.List.of(capabilities));
        return new QueueCapabilities(backend, set);
    }

    /** These capabilities without the given ones. */
    public QueueCapabilities without(Capability... missing) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        set.addAll(capabilities);
        set.removeAll(java.util.List.of(missing));
        return new QueueCapabilities(backend, set);
    }

    /** Whether the backend declares the capability. */
    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    /**
     * Throws unless the backend declares the capability.
     *
     * @throws UnsupportedCapabilityException naming the backend, the queue and the capability
     */
    public void require(Capability capability, String queueName, String operation) {
        if (!has(capability)) {
            throw new UnsupportedCapabilityException(backend, queueName, capability, operation);
        }
    }
}
