package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Message;
import io.jobqueue.Queue;
import io.jobqueue.spi.Headers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** queue:submit with --unique-key, --unique-scope and --concurrency-key, run as a user runs them. */
class QueueSubmitKeysTest {

    @TempDir
    Path cwd;

    private Queue invoices;

    @BeforeEach
    void settings() throws IOException {
        SharedMemoryQueueFactory.clear();
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  invoices: {className: shared-memory}
                  inline: {className: fake}
                """);
        invoices = SharedMemoryQueueFactory.queue("invoices");
    }

    private Message only() {
        assertThat(invoices.peek(10)).hasSize(1);
        return invoices.peek(1).get(0);
    }

    @Test
    void aSecondSubmitWithTheSameUniqueKey_storesNothing_andNamesTheMessageThatHoldsIt() {
        Cli.Result first = Cli.run(cwd, "queue:submit", "invoices", "one", "--unique-key", "invoice-42");
        Cli.Result second = Cli.run(cwd, "queue:submit", "invoices", "two", "--unique-key", "invoice-42");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        String id = only().id();
        assertThat(first.out()).isEqualTo("Submitted payload to queue \"invoices\" with ID \"" + id + "\".\n");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).isEqualTo("Not submitted: a duplicate of message \"" + id
                + "\" in queue \"invoices\", which holds the unique key \"invoice-42\".\n");
        assertThat(only().payload()).isEqualTo("one");
        assertThat(only().headers()).containsEntry(Headers.UNIQUE_KEY, "invoice-42").doesNotContainKey(Headers.UNIQUE_SCOPE);
    }

    @Test
    void uniqueScope_takesQueuedActiveOrAPeriod() {
        Cli.Result period = Cli.run(cwd, "queue:submit", "invoices", "p", "--unique-key", "k1", "--unique-scope", "1h");
        Cli.Result queued = Cli.run(cwd, "queue:submit", "invoices", "q", "--unique-key", "k2", "--unique-scope", "queued");

        assertThat(period.exitCode()).as(period.toString()).isZero();
        assertThat(queued.exitCode()).as(queued.toString()).isZero();
        assertThat(invoices.peek(10)).extracting(m -> m.headers().get(Headers.UNIQUE_SCOPE)).containsExactly("period:PT1H", "queued");
    }

    @Test
    void aBadScope_orAScopeWithoutKey_isAUsageError() {
        Cli.Result bad = Cli.run(cwd, "queue:submit", "invoices", "x", "--unique-key", "k", "--unique-scope", "forever");
        Cli.Result alone = Cli.run(cwd, "queue:submit", "invoices", "x", "--unique-scope", "1h");
        Cli.Result tooLong = Cli.run(cwd, "queue:submit", "invoices", "x", "--unique-key", "k", "--unique-scope", "400d");

        assertThat(bad.exitCode()).isEqualTo(JobQueueCli.EXIT_USAGE);
        assertThat(bad.err()).isEqualTo("Error: --unique-scope must be queued, active or a period such as 90s, 15m, 1h or 7d,"
                + " was 'forever' (see 'jobqueue queue:submit --help')\n");
        assertThat(alone.exitCode()).isEqualTo(JobQueueCli.EXIT_USAGE);
        assertThat(alone.err()).contains("--unique-scope needs --unique-key");
        assertThat(tooLong.err()).contains("from 1ms to 366d, was '400d'");
        assertThat(invoices.peek(10)).isEmpty();
    }

    @Test
    void aConcurrencyKey_travelsInItsHeader() {
        Cli.Result result = Cli.run(cwd, "queue:submit", "invoices", "c", "--concurrency-key", "customer-7");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(only().headers()).containsEntry(Headers.CONCURRENCY_KEY, "customer-7");
    }

    @Test
    void aBackendWithoutTheCapability_isOneLine_andExit1() {
        Cli.Result unique = Cli.run(cwd, "queue:submit", "inline", "x", "--unique-key", "k");
        Cli.Result concurrency = Cli.run(cwd, "queue:submit", "inline", "x", "--concurrency-key", "k");

        assertThat(unique.exitCode()).isEqualTo(JobQueueCli.EXIT_ERROR);
        assertThat(unique.err()).isEqualTo("Error: a submit with a unique key (--unique-key) needs capability 'unique' (unique keys"
                + " on submit, a duplicate returning the existing message's id), which backend fake of queue 'inline' does not have\n");
        assertThat(concurrency.exitCode()).isEqualTo(JobQueueCli.EXIT_ERROR);
        assertThat(concurrency.err()).startsWith("Error: a submit with a concurrency key (--concurrency-key) needs capability"
                + " 'concurrencyLimit'").endsWith("which backend fake of queue 'inline' does not have\n");
    }
}
