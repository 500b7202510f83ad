/**
 * The {@code jobqueue} command: demo, queue and job commands, and the benchmark, over every backend it
 * ships (they come at run time, found through ServiceLoader).
 */
module io.jobqueue.cli {
    requires io.jobqueue.core;
    requires io.jobqueue.bench;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    // picocli fills the commands' fields; the JSON mapper writes the demo's job
    opens io.jobqueue.cli to info.picocli;
    opens io.jobqueue.cli.demo to com.fasterxml.jackson.databind;
}
