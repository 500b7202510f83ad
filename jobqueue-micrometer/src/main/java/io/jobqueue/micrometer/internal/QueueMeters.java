package io.jobqueue.micrometer.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/** The counters and timers of one configured queue, registered together so that each event is a field read. */
final class QueueMeters {

    final Counter submitted;
    final Counter finished;
    final Counter released;
    final Counter failed;
    final Timer executionSuccess;
    final Timer executionFailure;
    final LongTaskTimer active;
    final Timer wait;

    QueueMeters(OwnedMeters meters, String queueName) {
        Tags queue = Tags.of(MeterNames.TAG_QUEUE, queueName);
        submitted = counter(meters, MeterNames.SUBMITTED, queue, "messages submitted by the job manager");
        finished = counter(meters, MeterNames.FINISHED, queue, "messages whose job succeeded and that were finished");
        released = counter(meters, MeterNames.RELEASED, queue, "messages whose job failed and that were released for another try");
        failed = counter(meters, MeterNames.FAILED, queue, "messages whose job failed for good (or could not run) and that were aborted");
        executionSuccess = execution(meters, queue, MeterNames.SUCCESS);
        executionFailure = execution(meters, queue, MeterNames.FAILURE);
        active = meters.add(LongTaskTimer.builder(MeterNames.EXECUTION_ACTIVE).tags(queue)
                .description("jobs of the queue running in this JVM now, and for how long")
                .register(meters.registry()));
        wait = meters.add(Timer.builder(MeterNames.WAIT).tags(queue)
                .description("time from the submit of a message to the start of its first execution")
                .register(meters.registry()));
    }

    private static Counter counter(OwnedMeters meters, String name, Tags tags, String description) {
        // no base unit: the names end in "messages" already, and Prometheus would append it again
        return meters.add(Counter.builder(name).tags(tags).description(description)
                .register(meters.registry()));
    }

    private static Timer execution(OwnedMeters meters, Tags queue, String outcome) {
        return meters.add(Timer.builder(MeterNames.EXECUTION).tags(queue).tag(MeterNames.TAG_OUTCOME, outcome)
                .description("time a job ran, by outcome: success when it returned true, failure when it returned false or threw")
                .register(meters.registry()));
    }
}
