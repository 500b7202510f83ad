/**
 * The jobs of {@code jobqueue demo}: {@link io.jobqueue.cli.demo.DemoJob} and the plan of which of
 * them fail. Public, because workers in other processes deserialize them from the demo queue.
 */
package io.jobqueue.cli.demo;
