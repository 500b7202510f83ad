/**
 * The benchmark program: measures any configured queue through the full
 * {@link io.jobqueue.JobManager} path (jobs serialized on submit, run by a {@link io.jobqueue.Worker})
 * and prints one markdown table row per queue. Entry point: {@link io.jobqueue.bench.BenchMain}.
 */
package io.jobqueue.bench;
