package io.jobqueue.testkit;

import io.jobqueue.QueueCapabilities;
import java.util.function.Predicate;

/**
 * The optional capabilities the suite checks before a test that needs one, with the wording the
 * skip message uses. {@code pushWakeUp} is absent on purpose: a wait must return a message that
 * arrives during it on every backend, by push or by polling, so no test depends on it.
 */
enum Capability {

    RESERVE("reserve", QueueCapabilities::reserve, "waitAndReserve, release, abort and finish"),
    DELAY("delay", QueueCapabilities::delay, "submit and release honour a delay"),
    PRIORITY("priority", QueueCapabilities::priority, "submit and release honour a priority"),
    BATCH_RESERVE("batchReserve", QueueCapabilities::batchReserve, "claiming many messages in one round trip"),
    PEEK_MANY("peekMany", QueueCapabilities::peekMany, "peek with a limit above 1"),
    COUNT_RESERVED("countReserved", QueueCapabilities::countReserved, "an exact countReserved"),
    LEASES("leases", QueueCapabilities::leases, "reservations that expire unless renewed"),
    FAILED_STORE("failedStore", QueueCapabilities::failedStore, "keeping, listing and retrying aborted messages");

    private final String key;
    private final Predicate<QueueCapabilities> supported;
    private final String meaning;

    Capability(String key, Predicate<QueueCapabilities> supported, String meaning) {
        this.key = key;
        this.supported = supported;
        this.meaning = meaning;
    }

    boolean isSupportedBy(QueueCapabilities capabilities) {
        return supported.test(capabilities);
    }

    /** "beanstalkd does not declare capability 'peekMany' (peek with a limit above 1)". */
    String missingIn(QueueCapabilities capabilities) {
        return capabilities.backend() + " does not declare capability '" + key + "' (" + meaning + ")";
    }
}
