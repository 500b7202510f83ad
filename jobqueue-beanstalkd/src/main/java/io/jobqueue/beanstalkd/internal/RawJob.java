package io.jobqueue.beanstalkd.internal;

/**
 * A job as the server hands it out ({@code RESERVED} or {@code FOUND}): its id and its body,
 * byte for byte.
 *
 * @param id   the server's job id
 * @param body the job body exactly as it was put
 */
public record RawJob(long id, byte[] body) {
}
