package io.jobqueue.cli.chaos;

/**
 * A worker process SIGKILLed by the run.
 *
 * @param worker the worker's number in the run
 * @param pid    its process id
 * @param at     when the kill was sent (epoch nanoseconds)
 * @param deadAt when the process was seen dead; every run it had not ended ends here
 */
public record Kill(int worker, long pid, long at, long deadAt) {
}
