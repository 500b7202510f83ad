/**
 * Queues that live in this JVM: {@link io.jobqueue.memory.InMemoryQueue}, the reference
 * implementation and test helper, and {@link io.jobqueue.memory.FakeQueue}, which runs jobs as
 * soon as they are submitted.
 */
package io.jobqueue.memory;
