package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --help works on the command and on every subcommand, without reading settings. */
class HelpTest {

    private static final List<String> COMMANDS = List.of("queue:list", "queue:describe", "queue:setup", "queue:flush",
            "queue:submit", "queue:stats", "job:work", "job:list", "job:show", "job:cancel", "job:failed", "job:retry", "job:execute", "demo", "bench");

    @TempDir
    Path cwd;

    @Test
    void help_listsEveryCommand() {
        Cli.Result result = Cli.run(cwd, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: jobqueue ").contains(COMMANDS);
    }

    @Test
    void noArguments_printsTheUsage() {
        Cli.Result result = Cli.run(cwd);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: jobqueue ");
    }

    @Test
    void help_onEveryCommand() {
        for (String command : COMMANDS) {
            Cli.Result result = Cli.run(cwd, command, "--help");
            assertThat(result.exitCode()).as(command).isZero();
            assertThat(result.out()).as(command).startsWith("Usage: jobqueue " + command).contains("--config", "--verbose");
        }
        assertThat(cwd.resolve("var")).doesNotExist();
    }

    @Test
    void version() {
        Cli.Result result = Cli.run(cwd, "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("jobqueue ");
    }
}
