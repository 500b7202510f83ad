/**
 * The benchmark program ({@code java -jar jobqueue-bench.jar}): submit, process and latency figures per backend. The
 * backends it measures come at run time (the runnable jar holds them) and are found through ServiceLoader.
 */
module io.jobqueue.bench {
    requires transitive io.jobqueue.core;
    requires info.picocli;

    exports io.jobqueue.bench;

    // picocli fills the command's fields; the JSON mapper writes the bench's job
    opens io.jobqueue.bench to info.picocli, com.fasterxml.jackson.databind;
}
