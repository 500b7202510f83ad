package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of configuration and command mistakes (issue 15): each is one line on stderr that names
 * what was wrong, and a non-zero exit code. A case gives its {@code jobqueue.yaml} (null: the
 * built-in default), the command line, the exit code and a part of the line.
 */
class BadInputBatteryTest {

    private static final String MEMORY = "queues: {q: {className: memory}}";
    private static final String LONG_NAME = "a".repeat(300);

    @TempDir
    Path cwd;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // settings: unknown keys and types, invalid YAML, impossible values
                mistake("unknown queue key", "queues: {q: {className: memory, maximumNumberOfReleasez: 3}}", 1,
                        "unknown key 'maximumNumberOfReleasez', did you mean 'maximumNumberOfReleases'?", "queue:stats", "q"),
                mistake("unknown root key", "queus: {q: {className: memory}}", 1, "unknown key 'queus'", "queue:stats", "q"),
                mistake("unknown backend option", "queues: {q: {className: memory, options: {leaseTimout: 5}}}", 1,
                        "unknown option 'leaseTimout' for queue 'q', did you mean 'leaseTimeout'?", "queue:stats", "q"),
                mistake("wrong type", "queues: {q: {className: memory, maximumNumberOfReleases: lots}}", 1,
                        "'maximumNumberOfReleases' must be a whole number, was 'lots'", "queue:stats", "q"),
                mistake("seconds that are no number", "queues: {q: {className: memory, options: {leaseTimeout: abc}}}", 1,
                        "option 'leaseTimeout' must be a number of seconds, was 'abc'", "queue:stats", "q"),
                mistake("seconds that are NaN", "queues: {q: {className: memory, options: {leaseTimeout: \"NaN\"}}}", 1,
                        "option 'leaseTimeout' must be a finite number of seconds", "queue:stats", "q"),
                mistake("negative releases", "queues: {q: {className: memory, maximumNumberOfReleases: -1}}", 1,
                        "maximumNumberOfReleases must be >= 0, was -1", "queue:stats", "q"),
                mistake("negative timeout", "queues: {q: {className: memory, timeout: -3}}", 1,
                        "'timeout' must be a positive number of seconds", "queue:stats", "q"),
                mistake("port out of range", "queues: {q: {className: beanstalkd, options: {port: 99999}}}", 1,
                        "option 'port' must be between 1 and 65535, was 99999", "queue:stats", "q"),
                mistake("worker concurrency 0", MEMORY + "\nworker: {concurrency: 0}", 1,
                        "option 'concurrency' must be >= 1, was 0", "job:work", "q"),
                mistake("unknown preset", "queues: {q: {className: memory, preset: nope}}", 1,
                        "preset 'nope' of queue 'q' is not configured", "queue:stats", "q"),
                mistake("unknown backend", "queues: {q: {className: memroy}}", 1,
                        "unknown backend 'memroy' for queue 'q', did you mean 'memory'?", "queue:stats", "q"),
                mistake("invalid YAML", "queues: {q: [", 1, "malformed YAML in ", "queue:stats", "q"),
                mistake("YAML that is a list", "- a\n- b", 1, "must hold a map with 'presets' and 'queues'", "queue:stats", "q"),
                mistake("duplicate key", "queues: {q: {className: memory, className: fake}}", 1, "className", "queue:stats", "q"),
                mistake("alias of no anchor", "queues: {q: *nowhere}", 1, "alias '*nowhere' refers to no anchor", "queue:stats", "q"),
                mistake("merge of a list of scalars", "presets: {p: {className: memory, options: {hosts: &h [a, b]}}}\n"
                        + "queues: {q: {<<: *h}}", 1, "merge key '<<' must name a map", "queue:stats", "q"),
                mistake("unset environment variable", "queues: {q: {className: redis, options: {password: \"${BAD_INPUT_UNSET_7D1E}\"}}}", 1,
                        "environment variable 'BAD_INPUT_UNSET_7D1E' is not set, but key 'queues.q.options.password'", "queue:stats", "q"),
                mistake("malformed placeholder", "queues: {q: {className: memory, queueNamePrefix: \"${a-b}\"}}", 1,
                        "key 'queues.q.queueNamePrefix'", "queue:stats", "q"),
                mistake("SQL in tableName", "queues: {q: {className: jdbc, options: {tableName: \"x; DROP TABLE y\"}}}", 1,
                        "option 'tableName' for queue 'q' must be a plain SQL identifier", "queue:setup", "q"),
                mistake("quoted identifier in tableName", "queues: {q: {className: jdbc, options: {tableName: '\"Users\"'}}}", 1,
                        "must be a plain SQL identifier", "queue:setup", "q"),
                mistake("over-long tableName", "queues: {q: {className: jdbc, options: {tableName: " + "t".repeat(100) + "}}}", 1,
                        "must be a plain SQL identifier", "queue:setup", "q"),
                // queue names
                mistake("odd queue name", MEMORY, 1, "queue 'no such' is not configured", "queue:stats", "no such"),
                mistake("over-long queue name", MEMORY, 1, "queue '" + LONG_NAME + "' is not configured", "queue:stats", LONG_NAME),
                mistake("queue name typo", MEMORY, 1, "queue 'qq' is not configured", "job:work", "qq"),
                // ids
                mistake("malformed id", MEMORY, 2, "no message 'abc' in queue 'q'", "job:show", "q", "abc"),
                mistake("negative id", MEMORY, 2, "no message '-5' in queue 'q'", "job:show", "q", "-5"),
                mistake("huge id", MEMORY, 2, "no message '99999999999999999999999' in queue 'q'", "job:show", "q", "99999999999999999999999"),
                mistake("unknown id to cancel", MEMORY, 2, "no message '42' in queue 'q' to cancel", "job:cancel", "q", "42"),
                mistake("unknown id to retry", MEMORY, 1, "no failed message with ID \"42\" in queue \"q\"", "job:retry", "q", "42"),
                mistake("retry without ids", MEMORY, 2, "give the ids of failed messages, or --all", "job:retry", "q"),
                // commands
                mistake("flush without --force", MEMORY, 1, "Use the --force flag", "queue:flush", "q"),
                mistake("options not an object", MEMORY, 2, "--options must be a JSON object", "queue:submit", "q", "x", "--options", "[1]"),
                mistake("options not JSON", MEMORY, 2, "--options is not valid JSON", "queue:submit", "q", "x", "--options", "{delay: 1}"),
                mistake("delay NaN", MEMORY, 2, "option 'delay' must be a finite number of seconds", "queue:submit", "q", "x", "--options", "{\"delay\": \"NaN\"}"),
                mistake("delay 1e300", MEMORY, 2, "option 'delay' is too large", "queue:submit", "q", "x", "--options", "{\"delay\": 1e300}"),
                mistake("unknown submit option", MEMORY, 2, "unknown submit option 'prio' for queue 'q' (memory)", "queue:submit", "q", "x",
                        "--options", "{\"prio\": 1}"),
                mistake("concurrency 0", MEMORY, 2, "--concurrency must be at least 1, was 0", "job:work", "q", "--concurrency", "0"),
                mistake("negative prefetch", MEMORY, 2, "--prefetch must not be negative", "job:work", "q", "--prefetch", "-1"),
                mistake("negative exit-after", MEMORY, 2, "--exit-after must be a number of seconds", "job:work", "q", "--exit-after", "-1"),
                mistake("NaN exit-after", MEMORY, 2, "--exit-after", "job:work", "q", "--exit-after", "NaN"),
                mistake("limit not a number", MEMORY, 2, "'abc' is not an int", "job:failed", "q", "--limit", "abc"),
                mistake("negative list limit", MEMORY, 2, "--limit must be at least 1, was -1", "job:list", "q", "--limit", "-1"),
                mistake("missing payload", MEMORY, 2, "Missing required parameter: '<payload>'", "queue:submit", "q"),
                mistake("unknown command", MEMORY, 2, "unknown command 'queue:lst', did you mean 'queue:list'?", "queue:lst"));
    }

    private static Arguments mistake(String what, String yaml, int exitCode, String fragment, String... args) {
        return Arguments.of(what, yaml, exitCode, fragment, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void mistake_isOneLineNamingWhatWasWrong_andANonZeroExit(String what, String yaml, int exitCode, String fragment, String[] args)
            throws IOException {
        if (yaml != null) {
            Files.writeString(cwd.resolve("jobqueue.yaml"), yaml + "\n");
        }

        Cli.Result result = Cli.run(cwd, args);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err()).as(result.toString()).startsWith("Error: ").endsWith("\n").contains(fragment);
        assertThat(result.err().strip()).as(result.toString()).doesNotContain("\n");
    }
}
