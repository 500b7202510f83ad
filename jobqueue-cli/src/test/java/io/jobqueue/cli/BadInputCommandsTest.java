package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15's bad inputs through the command: submit options that cannot be meant, a request on
 * {@code job:execute}'s stdin that is not one, anchors and placeholders in {@code jobqueue.yaml}.
 */
class BadInputCommandsTest {

    @TempDir
    Path cwd;

    private static void assertOneErrorLine(Cli.Result result, int exitCode, String... parts) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err()).as(result.toString()).startsWith("Error: ").endsWith("\n").contains(parts);
        assertThat(result.err().strip()).as(result.toString()).doesNotContain("\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"delay\": \"NaN\"}      | option 'delay' must be a finite number of seconds, was NaN",
            "{\"delay\": \"Infinity\"} | option 'delay' must be a finite number of seconds, was Infinity",
            "{\"delay\": 1e300}        | option 'delay' is too large",
            "{\"delay\": 4e9}          | longer than the longest a queue takes",
            "{\"dealy\": 5}            | unknown submit option 'dealy' for queue 'default' (jdbc), did you mean 'delay'?; it takes delay, priority",
            "{\"ttr\": 5}              | unknown submit option 'ttr' for queue 'default' (jdbc); it takes delay, priority"})
    void queueSubmit_withAnOptionThatCannotBeMeant_isOneLine_exit2_andNothingIsStored(String options, String expected) {
        assertThat(Cli.run(cwd, "queue:setup", "default").exitCode()).isZero();
        Cli.Result result = Cli.run(cwd, "queue:submit", "default", "hello", "--options", options);

        assertOneErrorLine(result, 2, expected);
        assertThat(result.out()).isEmpty();
        assertThat(Cli.run(cwd, "queue:stats", "default").out()).contains("ready            0\n", "delayed          0\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "garbage                                                  | it is not JSON: Unrecognized token 'garbage'",
            "``                                                       | stdin is empty",
            "[1, 2]                                                   | it is array, not an object",
            "{\"queue\": 5}                                           | 'queue' must be a queue name, was number",
            "{\"queue\": \"q\", \"settings\": \"x\"}                  | 'settings' must be an object of queue settings, was string",
            "{\"queue\": \"q\", \"settings\": {}, \"message\": {}}    | 'message.payload' must be a string, was missing",
            "{\"queue\": \"q\", \"settings\": {\"className\": \"nope\"}, \"message\": {\"payload\": \"{}\"}} | unknown backend 'nope' for queue 'q'",
            "{\"queue\": \"q\", \"settings\": {\"className\": \"memory\", \"maximumNumberOfReleases\": \"x\"}, \"message\": {\"payload\": \"{}\"}} | maximumNumberOfReleases"})
    void jobExecute_withARequestThatIsNotOne_isOneLine_exit1(String stdin, String expected) {
        Cli.Result result = withStdin(stdin, () -> Cli.run(cwd, "job:execute"));

        assertOneErrorLine(result, 1, "job:execute: the request on stdin cannot be run: ", expected);
    }

    @Test
    void jobExecute_keepsALoneSurrogateOfTheRequest() {
        io.jobqueue.cli.testjobs.RecordingJob.RAN.clear();
        // the payload holds a raw lone surrogate; the request carries it as a JSON escape (UTF-8 cannot carry it)
        String payload = "{\"type\":\"" + io.jobqueue.cli.testjobs.RecordingJob.class.getName() + "\",\"job\":{\"name\":\"cut \uD83D\"}}";
        String request = ("{\"queue\": \"q\", \"settings\": {\"className\": \"memory\"}, \"message\": {\"id\": \"1\", \"payload\": "
                + Json.write(payload) + "}}").replace("\uD83D", "\\uD83D");

        Cli.Result result = withStdin(request, () -> Cli.run(cwd, "job:execute"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(io.jobqueue.cli.testjobs.RecordingJob.RAN).containsExactly("cut \uD83D");
    }

    @Test
    void anchorsAndMergeKeys_inTheSettings_areResolved() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                presets:
                  base: &base {className: memory, maximumNumberOfReleases: 7}
                queues:
                  email: *base
                  sms:
                    <<: *base
                    maximumNumberOfReleases: 2
                """);

        Cli.Result email = Cli.run(cwd, "queue:describe", "email");
        Cli.Result sms = Cli.run(cwd, "queue:describe", "sms");

        assertThat(email.exitCode()).as(email.toString()).isZero();
        assertThat(email.out()).containsPattern("className\\s+memory").containsPattern("maximumNumberOfReleases\\s+7");
        assertThat(sms.out()).containsPattern("maximumNumberOfReleases\\s+2");
    }

    @Test
    void unsetEnvironmentVariable_inTheSettings_isOneLineNamingKeyAndVariable_exit1() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  cache: {className: redis, options: {host: 127.0.0.1, password: "${JOBQUEUE_TEST_UNSET_PASSWORD_1F3A}"}}
                """);

        assertOneErrorLine(Cli.run(cwd, "queue:list"), 1, "environment variable 'JOBQUEUE_TEST_UNSET_PASSWORD_1F3A' is not set",
                "key 'queues.cache.options.password'");
    }

    @Test
    void environmentVariable_inTheSettings_isExpanded() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  email: {className: memory, queueNamePrefix: "${JOBQUEUE_TEST_UNSET_PREFIX_9C2B:-fallback}-"}
                """);

        Cli.Result result = Cli.run(cwd, "queue:describe", "email");

        assertThat(result.out()).as(result.toString()).containsPattern("queueNamePrefix\\s+fallback-");
    }

    @Test
    void wrongMariaDbPassword_isOneLineSayingTheLoginWasRefused_exit3_soon() throws IOException {
        Services.require("MariaDB", 3306);
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  maria: {className: jdbc, options: {url: "jdbc:mariadb://127.0.0.1:3306/test", username: root,
                          password: wrong-password-5e1, tableName: bi_wrong_password}}
                """);

        long start = System.nanoTime();
        Cli.Result result = Cli.run(cwd, "queue:stats", "maria");

        assertOneErrorLine(result, 3, "cannot read queue 'maria' at jdbc:mariadb://127.0.0.1:3306/test:",
                "refused the login of user 'root'", "wrong username or password");
        assertThat(result.err()).doesNotContain("wrong-password-5e1").doesNotContain("cannot be reached");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
    }

    private static Cli.Result withStdin(String text, java.util.function.Supplier<Cli.Result> run) {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.get();
        } finally {
            System.setIn(stdin);
        }
    }
}
