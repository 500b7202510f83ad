package io.jobqueue.internal;

import io.jobqueue.InstanceRegistry;
import io.jobqueue.InstanceResolver;

/** Holds the process-wide {@link InstanceResolver} (an interface cannot hold mutable state). */
public final class DefaultResolverHolder {

    private static volatile InstanceResolver current = new InstanceRegistry();

    private DefaultResolverHolder() {
    }

    public static InstanceResolver get() {
        return current;
    }

    public static void set(InstanceResolver resolver) {
        current = resolver;
    }
}
