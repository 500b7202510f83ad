/**
 * Micrometer metrics of JobQueue for Java: counters, timers and gauges of queues and workers for
 * any {@code MeterRegistry} ({@code io.jobqueue.micrometer}). {@code io.jobqueue.micrometer.internal}
 * is not exported.
 */
@SuppressWarnings("requires-transitive-automatic") // micrometer-core has only an Automatic-Module-Name, and the API takes its MeterRegistry
module io.jobqueue.micrometer {
    requires transitive io.jobqueue.core;
    requires transitive micrometer.core;
    requires org.slf4j;

    exports io.jobqueue.micrometer;
}
