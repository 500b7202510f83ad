package io.jobqueue.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * The real servers a test needs on 127.0.0.1: a test is skipped when one is not running, and fails
 * instead with {@code JOBQUEUE_REQUIRE_SERVICES=1}. Also gives a port with nothing listening, an
 * unreachable server for tests of what a user sees when theirs is down.
 */
final class Services {

    static final int POSTGRESQL = 5432;
    static final int REDIS = 6379;
    static final int BEANSTALKD = 11300;

    private Services() {
    }

    /** Skips the test (or, with {@code JOBQUEUE_REQUIRE_SERVICES=1}, fails it) unless something listens on the port. */
    static void require(String server, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        } catch (IOException e) {
            if ("1".equals(System.getenv("JOBQUEUE_REQUIRE_SERVICES"))) {
                throw new AssertionError(server + " is required (JOBQUEUE_REQUIRE_SERVICES=1) but not running on 127.0.0.1:" + port);
            }
            Assumptions.assumeTrue(false, server + " is not running on 127.0.0.1:" + port);
        }
    }

    /** A local port that was free a moment ago and has nothing listening on it. */
    static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
