/**
 * A plain Java application on JobQueue: a job ({@link io.jobqueue.examples.ResizeImageJob}), a service
 * whose calls are deferred ({@link io.jobqueue.examples.Notifier}), and {@link io.jobqueue.examples.ExampleApp},
 * which queues both on the embedded SQLite queue and runs them with a worker in its own JVM, or leaves them for
 * {@code jobqueue job:work}.
 */
package io.jobqueue.examples;
