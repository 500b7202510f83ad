package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where settings come from: --config, else $JOBQUEUE_CONFIG, else ./jobqueue.yaml, else the built-in default. */
class ConfigLookupTest {

    @TempDir
    Path cwd;

    private void write(String file, String queueName) throws IOException {
        Files.writeString(cwd.resolve(file), "queues:\n  " + queueName + ": {className: memory}\n");
    }

    private String firstQueue(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
    }

    @Test
    void builtInDefault_isQueueDefaultOnTheSqliteFileUnderTheWorkingFolder() {
        assertThat(Cli.run(cwd, "queue:list").out()).contains("not set up: its SQLite file " + cwd.resolve("var/jobqueue.db"));
        assertThat(Cli.run(cwd, "queue:setup", "default").exitCode()).isZero();

        Cli.Result list = Cli.run(cwd, "queue:list");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).isEqualTo("""
                QUEUE    BACKEND  READY  DELAYED  RESERVED  FAILED  NAME IN BACKEND
                default  jdbc         0        0         0       0  default
                """);
        assertThat(cwd.resolve("var/jobqueue.db")).exists();

        Cli.Result describe = Cli.run(cwd, "queue:describe", "default");
        assertThat(describe.out()).contains("(from built-in default)", "\"path\" : \"" + cwd.resolve("var/jobqueue.db") + "\"");
    }

    @Test
    void builtInDefault_keepsMessagesBetweenRuns() {
        assertThat(Cli.run(cwd, "queue:submit", "default", "hello").exitCode()).isZero();

        assertThat(Cli.run(cwd, "queue:stats", "default").out()).contains("ready            1\n");
    }

    @Test
    void localFile_winsOverTheDefault_envOverTheLocalFile_optionOverEnv() throws IOException {
        write("jobqueue.yaml", "local");
        write("from-env.yaml", "fromenv");
        write("from-option.yaml", "fromoption");
        Map<String, String> env = Map.of("JOBQUEUE_CONFIG", "from-env.yaml");

        assertThat(firstQueue(Cli.run(cwd, "queue:list"))).isEqualTo("local");
        assertThat(firstQueue(Cli.run(cwd, env, "queue:list"))).isEqualTo("fromenv");
        assertThat(firstQueue(Cli.run(cwd, env, "queue:list", "--config", "from-option.yaml"))).isEqualTo("fromoption");
        assertThat(firstQueue(Cli.run(cwd, env, "--config", cwd.resolve("from-option.yaml").toString(), "queue:list")))
                .isEqualTo("fromoption");
    }

    @Test
    void malformedYaml_isOneErrorLineWithTheFileAndTheLineNumber() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  email:
                    className: memory
                   options: {a: 1}
                """);

        Cli.Result result = Cli.run(cwd, "queue:list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).startsWith("Error: malformed YAML in " + cwd.resolve("jobqueue.yaml") + " at line 4");
    }

    @Test
    void unknownSettingsKey_isNamedWithASuggestion() throws IOException {
        Files.writeString(cwd.resolve("jobqueue.yaml"), "queues:\n  email: {className: memory, maximumNumberOfRelease: 2}\n");

        Cli.Result result = Cli.run(cwd, "queue:list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("unknown key 'maximumNumberOfRelease'", "did you mean 'maximumNumberOfReleases'?");
    }

    @Test
    void missingConfigFile_isNamed() {
        Cli.Result result = Cli.run(cwd, "queue:list", "--config", "nope.yaml");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: settings file " + cwd.resolve("nope.yaml") + " does not exist\n");
    }
}
