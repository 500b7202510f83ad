/**
 * What applications use: {@link io.jobqueue.Job}, {@link io.jobqueue.JobManager},
 * {@link io.jobqueue.QueueManager}, {@link io.jobqueue.Worker}, the {@link io.jobqueue.Queue}
 * contract with its messages and options, settings, listeners and exceptions.
 */
package io.jobqueue;
