/**
 * What backend authors implement and use: {@link io.jobqueue.spi.QueueFactory} (found through
 * {@link java.util.ServiceLoader}), {@link io.jobqueue.spi.QueueContext} and the option helpers.
 * The queue contract itself is {@link io.jobqueue.Queue}.
 */
package io.jobqueue.spi;
