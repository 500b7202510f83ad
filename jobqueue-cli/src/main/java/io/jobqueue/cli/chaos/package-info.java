/**
 * The parts of {@code jobqueue chaos}: the job and the worker process it runs in
 * ({@link io.jobqueue.cli.chaos.ChaosJob}, {@link io.jobqueue.cli.chaos.ChaosWorkerMain}), the record
 * of every execution they write outside the queue's backend ({@link io.jobqueue.cli.chaos.RunRecorder},
 * read back by {@link io.jobqueue.cli.chaos.RunRecords}), the worker processes that are killed and
 * replaced ({@link io.jobqueue.cli.chaos.WorkerPool}), the private servers it starts and restarts
 * ({@link io.jobqueue.cli.chaos.PrivateServer}), the run itself ({@link io.jobqueue.cli.chaos.ChaosRun})
 * and the arithmetic of its report ({@link io.jobqueue.cli.chaos.ChaosAnalysis}).
 * Public, because the command lives in {@code io.jobqueue.cli} and worker processes deserialize the job.
 */
package io.jobqueue.cli.chaos;
