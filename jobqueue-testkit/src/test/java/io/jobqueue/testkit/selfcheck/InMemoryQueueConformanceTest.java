package io.jobqueue.testkit.selfcheck;

import io.jobqueue.Queue;
import io.jobqueue.memory.InMemoryQueue;
import io.jobqueue.spi.QueueContext;
import io.jobqueue.testkit.QueueConformanceTest;
import java.util.Map;

/**
 * Runs the suite against the reference queue of jobqueue-core, from another package, exactly as a
 * backend module would: one subclass, one method.
 */
class InMemoryQueueConformanceTest extends QueueConformanceTest {

    @Override
    protected Queue createQueue(String name, Map<String, Object> options) {
        return InMemoryQueue.create(QueueContext.of(name, options));
    }
}
