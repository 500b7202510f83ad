/**
 * The conformance suite every backend passes ({@code io.jobqueue.testkit.QueueConformanceTest}), the
 * service checks its tests use (test doubles extend the core's {@code io.jobqueue.spi.ForwardingBackend}).
 */
module io.jobqueue.testkit {
    requires transitive io.jobqueue.core;
    requires transitive org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires org.assertj.core;
    requires awaitility;
    requires com.fasterxml.jackson.databind;

    exports io.jobqueue.testkit;

    // JUnit runs the suite's package-private themes; the JSON mapper writes the crash test's job
    opens io.jobqueue.testkit to org.junit.platform.commons, com.fasterxml.jackson.databind;
}
