/**
 * The shared conformance suite for queue backends: {@link io.jobqueue.testkit.QueueConformanceTest},
 * which a backend extends with one short subclass, and {@link io.jobqueue.testkit.Services}, which
 * skips (or on CI fails) backend tests when their server is not reachable.
 */
package io.jobqueue.testkit;
