package io.jobqueue.testkit.selfcheck;

import io.jobqueue.testkit.QueueConformanceTest;
import java.util.Map;

/**
 * Runs the suite against the reference backend of jobqueue-core, from another package, exactly as a
 * backend module would: one subclass, one method.
 */
class InMemoryQueueConformanceTest extends QueueConformanceTest {

    @Override
    protected Map<String, Object> backendSettings(Map<String, Object> options) {
        return Map.of("className", "memory", "options", options);
    }
}
