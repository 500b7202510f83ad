package io.jobqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jobqueue.ConfigurationException;
import io.jobqueue.JobQueueException;
import io.jobqueue.Queue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No message of the Redis backend shows a password: not the exceptions of building, setting up
 * or using a queue (their whole cause chain, Lettuce's own texts included), not the backend's
 * {@code toString}, not what is logged meanwhile — for well-formed URIs, for URIs whose password
 * holds characters that end the user-info ({@code # ? / @}), for URIs that do not parse, and for
 * the {@code password} option. A URI whose host or port cannot be read is refused at start, naming
 * the option, instead of connecting to a host made of its pieces.
 */
class RedisSecretsTest {

    private static final String SECRET = "hunter2-Zq9x";
    private static int downPort;
    private static PrivateRedisServer server;

    @BeforeAll
    static void ports() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            downPort = socket.getLocalPort(); // nothing listens there once the socket is closed
        }
        server = PrivateRedisServer.start("--requirepass", SECRET);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** URIs of a server that is down, or of nothing at all. */
    static Stream<String> uris() {
        String at = "@127.0.0.1:" + downPort;
        return Stream.of(
                "redis://:" + SECRET + at + "/0",
                "redis://user:" + SECRET + at,
                "redis://" + SECRET + at,
                "rediss://:" + SECRET + at + "/2",
                "redis-sentinel://:" + SECRET + at + "#mymaster",
                "redis://" + SECRET + "@127.0.0.1:abc",
                "redis://user:" + SECRET + at + ":x/0",
                "redis://user:" + SECRET + "#x" + at,
                "redis://user:" + SECRET + "?x" + at,
                "redis://user:" + SECRET + "/x" + at,
                "redis://user:p@" + SECRET + at,
                "redis://us er:" + SECRET + at,
                "redis://user:" + SECRET + at + "/x",
                "redis://user:" + SECRET + "@:" + downPort,
                "redis://user:" + SECRET + "@redis_1:" + downPort,
                "redis://127.0.0.1:" + downPort + "?password=" + SECRET,
                "redis-sentinel://:" + SECRET + "#x@127.0.0.1:" + downPort + "#mymaster",
                SECRET);
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("uris")
    void noMessage_ofAQueueWithThisUri_showsThePassword(String uri) {
        String printed = everythingPrintedUsing(Map.of("uri", uri));

        assertThat(printed).as("what the queue printed and threw for uri #%s", uri.hashCode()).contains("queue 'mail'")
                .doesNotContain(SECRET);
    }

    @Test
    void noMessage_ofAQueueWithThePasswordOption_showsIt() {
        assertThat(everythingPrintedUsing(Map.of("port", downPort, "password", SECRET))).contains("queue 'mail'")
                .doesNotContain(SECRET);
        assertThat(everythingPrintedUsing(Map.of("port", downPort, "username", "u", "password", SECRET)))
                .doesNotContain(SECRET);
        assertThat(everythingPrintedUsing(Map.of("uri", "redis://127.0.0.1:" + downPort, "password", SECRET)))
                .doesNotContain(SECRET);
        assertThat(everythingPrintedUsing(Map.of("port", server.port(), "password", SECRET + "-wrong")))
                .contains("refused the username or password").doesNotContain(SECRET);
    }

    @Test
    void aUriWhoseHostOrPortCannotBeRead_isRefusedAtStart_namingTheOption() {
        List<String> unreadable = List.of(
                "redis://" + SECRET + "@127.0.0.1:abc",
                "redis://user:" + SECRET + "@127.0.0.1:6390:x/0",
                "redis://user:" + SECRET + "#x@127.0.0.1:6390",
                "redis://user:" + SECRET + "?x@127.0.0.1:6390",
                "redis://user:p@" + SECRET + "@127.0.0.1:6390",
                "redis://user:" + SECRET + "@:6390",
                "redis://user:" + SECRET + "@redis_1:6390",
                "redis://127.0.0.1:0");
        for (String uri : unreadable) {
            Throwable error = catchThrowable(() -> create(Map.of("uri", uri)).close());

            assertThat(error).as("uri #%s", uri.hashCode()).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("option 'uri' of queue 'mail'").hasMessageContaining("percent-encode");
            assertThat(printed(error)).doesNotContain(SECRET);
        }
    }

    @Test
    void aUriWithAPercentEncodedPassword_reachesTheServer() {
        String encoded = SECRET.replace("-", "%2D");
        try (Queue queue = create(Map.of("uri", "redis://:" + encoded + "@127.0.0.1:" + server.port() + "/1"))) {
            queue.setUp();
            assertThat(queue.countReady()).isZero();
            String described = queue.backend(RedisBackend.class).orElseThrow().toString();
            assertThat(described).contains("RedisBackend[mail").doesNotContain(SECRET).doesNotContain(encoded);
        }
    }

    /**
     * Builds a queue named 'mail' with these options, sets it up, submits, counts, flushes and closes
     * it, and returns every exception's whole printout, the queue's toString and what was logged.
     */
    private static String everythingPrintedUsing(Map<String, Object> options) {
        StringBuilder printed = new StringBuilder();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            Queue queue;
            try {
                queue = create(options);
            } catch (JobQueueException e) {
                return printed.append(printed(e)).append(log.toString(StandardCharsets.UTF_8)).toString();
            }
            try (queue) {
                printed.append(queue).append(' ').append(queue.backend(RedisBackend.class).orElseThrow()).append('\n');
                for (Runnable step : List.<Runnable>of(queue::setUp, () -> queue.submit("payload"), queue::countReady,
                        queue::flush)) {
                    Throwable error = catchThrowable(step::run);
                    if (error != null) {
                        printed.append(printed(error));
                    }
                }
            }
        } finally {
            System.setErr(originalErr);
        }
        return printed.append(log.toString(StandardCharsets.UTF_8)).toString();
    }

    private static Queue create(Map<String, Object> options) {
        return Queue.open(new RedisQueueFactory(), "mail", new HashMap<>(options));
    }

    /** The exception as a log would print it: messages and stack traces of the whole cause chain. */
    private static String printed(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
