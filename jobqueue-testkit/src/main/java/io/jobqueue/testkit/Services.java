package io.jobqueue.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Objects;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Helpers for backend tests that need a real server: skip (or, on CI, fail) when the server is not
 * there, and make queue names that no other test or run uses.
 *
 * <pre>{@code
 * @BeforeAll
 * static void postgres() {
 *     Services.assumeReachable("PostgreSQL", "127.0.0.1", 5432);
 * }
 * }</pre>
 */
public final class Services {

    /** Set to {@code 1} (as {@code .ci/run} does) to turn "server not reachable" from a skip into a failure. */
    public static final String REQUIRE_SERVICES_VARIABLE = "JOBQUEUE_REQUIRE_SERVICES";

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final char[] NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Services() {
    }

    /**
     * Tries a TCP connection to {@code host:port} (for at most one second). When it fails the calling
     * test (or, from {@code @BeforeAll}, the whole class) is skipped with a message naming the
     * service, host and port; with {@code JOBQUEUE_REQUIRE_SERVICES=1} it fails instead.
     *
     * @param service what listens there, for the message, e.g. {@code PostgreSQL}
     */
    public static void assumeReachable(String service, String host, int port) {
        assumeReachable(service, host, port, "1".equals(System.getenv(REQUIRE_SERVICES_VARIABLE)));
    }

    /** As {@link #assumeReachable(String, String, int)}, with the environment variable's answer given. */
    static void assumeReachable(String service, String host, int port, boolean required) {
        IOException problem = tryConnect(host, port);
        if (problem == null) {
            return;
        }
        String message = service + " is not reachable on " + host + ":" + port;
        if (required) {
            Assertions.fail(message + " (" + REQUIRE_SERVICES_VARIABLE + "=1)", problem);
        }
        String reason = message + " (" + problem.getMessage() + "); skipped, set "
                + REQUIRE_SERVICES_VARIABLE + "=1 to fail instead";
        System.out.println("[jobqueue-testkit] " + reason);
        Assumptions.abort(reason);
    }

    private static IOException tryConnect(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /**
     * A name that is unique for practical purposes: {@code prefix}, a dash and ten random lower-case
     * letters and digits, e.g. {@code ct-peek-k3v9q0zt2m}. Only {@code [a-z0-9-]} is added, which
     * every backend accepts in a queue, tube, stream or table-row name.
     */
    public static String uniqueName(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        StringBuilder name = new StringBuilder(prefix.length() + 11);
        if (!prefix.isEmpty()) {
            name.append(prefix).append('-');
        }
        for (int i = 0; i < 10; i++) {
            name.append(NAME_CHARACTERS[RANDOM.nextInt(NAME_CHARACTERS.length)]);
        }
        return name.toString();
    }
}
