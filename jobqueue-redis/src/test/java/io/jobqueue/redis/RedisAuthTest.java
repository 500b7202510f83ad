package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jobqueue.ConfigurationException;
import io.jobqueue.Queue;
import io.jobqueue.testkit.Services;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server with a password (the test's own, started with {@code --requirepass}). */
class RedisAuthTest {

    private static final String PASSWORD = "s3cret-Pa55";
    private static PrivateRedisServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PrivateRedisServer.start("--requirepass", PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void rightPassword_connects_andTheQueueWorks() {
        String name = Services.uniqueName("auth");
        try (Queue queue = create(name, Map.of("port", server.port(), "password", PASSWORD))) {
            queue.setUp();
            queue.submit("payload");
            assertThat(queue.countReady()).isEqualTo(1);
            queue.flush();
        }
    }

    @Test
    void rightPassword_inAUri_connects() {
        String name = Services.uniqueName("auth-uri");
        try (Queue queue = create(name, Map.of("uri", "redis://:" + PASSWORD + "@127.0.0.1:" + server.port() + "/3"))) {
            queue.submit("payload");
            assertThat(queue.countReady()).isEqualTo(1);
            queue.flush();
        }
    }

    @Test
    void wrongPassword_isOneClearErrorNamingQueueAndServer_withoutThePassword() {
        String name = Services.uniqueName("auth-wrong");
        String wrong = "not-the-Pa55word";

        Throwable error = catchThrowable(() -> create(name, Map.of("port", server.port(), "password", wrong)));

        assertThat(error).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("127.0.0.1:" + server.port())
                .hasMessageContaining("password");
        assertThat(everythingPrinted(error)).doesNotContain(wrong).doesNotContain(PASSWORD);
    }

    @Test
    void noPassword_isTheSameClearError() {
        String name = Services.uniqueName("auth-none");

        Throwable error = catchThrowable(() -> create(name, Map.of("port", server.port())));

        assertThat(error).isInstanceOf(ConfigurationException.class).hasMessageContaining("'" + name + "'")
                .hasMessageContaining("127.0.0.1:" + server.port());
    }

    private static Queue create(String name, Map<String, Object> options) {
        return Queue.open(new RedisQueueFactory(), name, options);
    }

    /** The exception as a log would print it: messages and stack traces of the whole cause chain. */
    private static String everythingPrinted(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
