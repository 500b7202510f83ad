package io.jobqueue.redis.internal;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce event loops and timers, shared by every Redis queue of this JVM and shut down when
 * the last one closes, so a process with many queues does not start threads per queue. Reconnect
 * attempts after a lost connection start at 50 ms and back off to at most 5 s.
 */
final class SharedResources {

    private static final Delay RECONNECT_DELAY =
            Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS);

    private static ClientResources resources;
    private static int users;

    private SharedResources() {
    }

    /** The shared resources; every call must be paired with one {@link #release()}. */
    static synchronized ClientResources acquire() {
        if (resources == null) {
            resources = DefaultClientResources.builder().reconnectDelay(RECONNECT_DELAY).build();
        }
        users++;
        return resources;
    }

    /** Gives the resources back; the last user shuts them down (without waiting for that). */
    static synchronized void release() {
        if (users == 0) {
            return;
        }
        users--;
        if (users == 0) {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            resources = null;
        }
    }
}
