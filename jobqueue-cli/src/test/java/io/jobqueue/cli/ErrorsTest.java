package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives one line on stderr that says what was wrong, and a non-zero exit code. */
class ErrorsTest {

    @TempDir
    Path cwd;

    @BeforeEach
    void settings() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  email: {className: memory}
                  typo: {className: memroy}
                  down:
                    className: jdbc
                    options: {url: "jdbc:postgresql://127.0.0.1:1/app", username: app, password: secret, connectionTimeout: 1}
                """);
    }

    private static void assertOneLine(Cli.Result result, int exitCode, String line) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err()).isEqualTo(line + "\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unknownCommand_suggestsTheNearestOne() {
        assertOneLine(Cli.run(cwd, "queue:lst"), 2,
                "Error: unknown command 'queue:lst', did you mean 'queue:list'? (see 'jobqueue --help')");
    }

    @Test
    void unknownOption_namesItAndTheCommandsHelp() {
        assertOneLine(Cli.run(cwd, "job:work", "email", "--exit-afterr", "3"), 2,
                "Error: unknown option '--exit-afterr', did you mean '--exit-after'? (see 'jobqueue job:work --help')");
    }

    @Test
    void missingArgument_isNamed() {
        assertOneLine(Cli.run(cwd, "queue:describe"), 2,
                "Error: Missing required parameter: '<queue>' (see 'jobqueue queue:describe --help')");
    }

    @Test
    void unknownQueue_suggestsTheNearestConfiguredOne() {
        assertOneLine(Cli.run(cwd, "queue:stats", "emial"), 1, "Error: queue 'emial' is not configured, did you mean 'email'?");
        assertOneLine(Cli.run(cwd, "job:work", "emial"), 1, "Error: queue 'emial' is not configured, did you mean 'email'?");
        assertOneLine(Cli.run(cwd, "queue:flush", "emial"), 1, "Error: queue 'emial' is not configured, did you mean 'email'?");
    }

    @Test
    void unknownBackend_isNamedWithASuggestion() {
        Cli.Result result = Cli.run(cwd, "queue:setup", "typo");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).startsWith("Error: unknown backend 'memroy' for queue 'typo', did you mean 'memory'?");
    }

    @Test
    void backendThatIsDown_isOneLine_withoutThePassword() {
        Cli.Result stats = Cli.run(cwd, "queue:stats", "down");
        Cli.Result setup = Cli.run(cwd, "queue:setup", "down");

        for (Cli.Result result : new Cli.Result[] {stats, setup}) {
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
            assertThat(result.err().lines()).as(result.toString()).hasSize(1);
            assertThat(result.err()).startsWith("Error: ").contains("down").doesNotContain("secret");
        }
    }

    @Test
    void verbose_addsTheStackTrace() {
        Cli.Result result = Cli.run(cwd, "queue:stats", "emial", "--verbose");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error: queue 'emial' is not configured").contains("\tat io.jobqueue.");
    }

    @Test
    void classpathEntryThatDoesNotExist_isNamed() {
        Cli.Result result = Cli.run(cwd, "queue:list", "--classpath", "missing.jar");

        assertOneLine(result, 1, "Error: classpath entry 'missing.jar' does not exist (" + cwd.resolve("missing.jar") + ")");
    }
}
