package io.jobqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ServicesTest {

    @Test
    void assumeReachable_withAListeningServer_returns() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Services.assumeReachable("Test server", "127.0.0.1", server.getLocalPort(), true);
        }
    }

    @Test
    void assumeReachable_withoutServer_skipsNamingServiceHostAndPort() throws IOException {
        int port = closedPort();

        assertThatThrownBy(() -> Services.assumeReachable("PostgreSQL", "127.0.0.1", port, false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith("PostgreSQL is not reachable on 127.0.0.1:" + port)
                .hasMessageContaining("JOBQUEUE_REQUIRE_SERVICES=1");
    }

    @Test
    void assumeReachable_withoutServer_failsWhenServicesAreRequired() throws IOException {
        int port = closedPort();

        assertThatThrownBy(() -> Services.assumeReachable("PostgreSQL", "127.0.0.1", port, true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("PostgreSQL is not reachable on 127.0.0.1:" + port + " (JOBQUEUE_REQUIRE_SERVICES=1)");
    }

    @Test
    void uniqueName_startsWithThePrefix_andDiffersEachTime() {
        String first = Services.uniqueName("ct-peek");
        String second = Services.uniqueName("ct-peek");

        assertThat(first).matches("ct-peek-[a-z0-9]{10}");
        assertThat(second).isNotEqualTo(first);
        assertThat(Services.uniqueName("")).matches("[a-z0-9]{10}");
    }

    /** A port nothing listens on: one that was just bound and released. */
    private static int closedPort() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return server.getLocalPort();
        }
    }
}
