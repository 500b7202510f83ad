package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' job classes join with --classpath or $JOBQUEUE_CLASSPATH: a job class compiled here, on no
 * class path of the test, is run by job:work in this JVM and in an isolated child JVM.
 */
class UserClassPathTest {

    @TempDir
    Path cwd;

    private Path classes;
    private Path touched;

    @BeforeEach
    void compileAUserJob() throws IOException {
        SharedMemoryQueueFactory.clear();
        Path sources = Files.createDirectories(cwd.resolve("src/userjobs"));
        classes = Files.createDirectories(cwd.resolve("classes"));
        Files.writeString(sources.resolve("TouchJob.java"), """
                package userjobs;
                public class TouchJob implements io.jobqueue.Job {
                    private String file;
                    public boolean execute(io.jobqueue.Queue queue, io.jobqueue.Message message) throws Exception {
                        java.nio.file.Files.writeString(java.nio.file.Path.of(file), "ran " + message.id());
                        return true;
                    }
                }
                """);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int code = compiler.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                sources.resolve("TouchJob.java").toString());
        assertThat(code).isZero();
        touched = cwd.resolve("touched");
        Files.writeString(cwd.resolve("jobqueue.yaml"), """
                queues:
                  user: {className: shared-memory, maximumNumberOfReleases: 0}
                  isolated: {className: shared-memory, executeIsolated: true}
                """);
    }

    private void submitTouchJob(String queue) {
        String payload = "{\"type\":\"userjobs.TouchJob\",\"job\":{\"file\":" + Json.write(touched.toString()) + "}}";
        assertThat(Cli.run(cwd, "queue:submit", queue, payload).exitCode()).isZero();
    }

    @Test
    void classpathOption_letsJobWorkRunTheUsersJob() {
        submitTouchJob("user");

        Cli.Result result = Cli.run(cwd, "job:work", "user", "--limit", "1", "--classpath", "classes");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(touched).hasContent("ran 1");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(UserClassPathTest.class.getClassLoader());
    }

    @Test
    void classpathFromTheEnvironment_worksToo_andWithoutIt_theJobFailsAsUnreadable() {
        submitTouchJob("user");
        Cli.Result without = Cli.run(cwd, "job:work", "user", "--limit", "1");
        assertThat(without.exitCode()).isZero();
        assertThat(Cli.run(cwd, "job:failed", "user").out()).contains("job type userjobs.TouchJob is not on the class path");

        assertThat(Cli.run(cwd, "job:retry", "user", "--all").exitCode()).isZero();
        Cli.Result with = Cli.run(cwd, Map.of("JOBQUEUE_CLASSPATH", classes.toString()), "job:work", "user", "--limit", "1");
        assertThat(with.exitCode()).as(with.toString()).isZero();
        assertThat(touched).exists();
    }

    @Test
    void isolatedChildren_getTheUsersClassPathToo() {
        submitTouchJob("isolated");

        Cli.Result result = Cli.run(cwd, "job:work", "isolated", "--limit", "1", "--verbose", "--classpath", classes.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Successfully executed job \"1\"");
        assertThat(touched).hasContent("ran 1");
        assertThat(System.getProperty(UserClassPath.ISOLATED_CLASS_PATH)).isNull();
    }
}
