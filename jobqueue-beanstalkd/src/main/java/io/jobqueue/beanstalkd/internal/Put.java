package io.jobqueue.beanstalkd.internal;

/**
 * One checked {@code put}: what the command line says and the body it sends.
 *
 * @param priority     0 (most urgent) and up
 * @param delaySeconds whole seconds before the job is ready
 * @param ttrSeconds   the job's time to run (its lease), at least 1
 * @param body         the job body ({@link Bodies})
 */
public record Put(long priority, long delaySeconds, long ttrSeconds, byte[] body) {
}
