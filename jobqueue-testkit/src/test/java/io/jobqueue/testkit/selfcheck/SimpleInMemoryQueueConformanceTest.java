package io.jobqueue.testkit.selfcheck;

import io.jobqueue.Queue;
import io.jobqueue.QueueCapabilities;
import io.jobqueue.testkit.QueueConformanceTest;
import java.util.Map;

/**
 * Runs the whole suite against {@link SimpleInMemoryQueue}, from another package, exactly as a
 * backend module would: one subclass, one method.
 */
class SimpleInMemoryQueueConformanceTest extends QueueConformanceTest {

    @Override
    protected Queue createQueue(String name, Map<String, Object> options) {
        return new SimpleInMemoryQueue(name, options, QueueCapabilities.all("simple-memory"));
    }
}
