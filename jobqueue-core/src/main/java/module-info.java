/**
 * The core of JobQueue for Java: the public API ({@code io.jobqueue}), the backend SPI and its
 * toolkit ({@code io.jobqueue.spi}) and the in-memory and fake backends ({@code io.jobqueue.memory}).
 * {@code io.jobqueue.internal} is not exported.
 */
module io.jobqueue.core {
    requires transitive com.fasterxml.jackson.databind; // JobSerializer and MethodCallJob take and give an ObjectMapper
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires net.bytebuddy;
    requires com.cronutils; // cron expressions of recurring jobs
    requires org.slf4j;
    requires jdk.unsupported;

    exports io.jobqueue;
    exports io.jobqueue.spi;
    exports io.jobqueue.memory;

    // the JSON mapper reads and writes the core's own jobs and the isolated child's request and answer
    opens io.jobqueue to com.fasterxml.jackson.databind;
    opens io.jobqueue.internal to com.fasterxml.jackson.databind;

    uses io.jobqueue.spi.QueueFactory;
    uses io.jobqueue.JobInterceptor;

    provides io.jobqueue.spi.QueueFactory with io.jobqueue.memory.InMemoryQueueFactory, io.jobqueue.memory.FakeQueueFactory;
}
