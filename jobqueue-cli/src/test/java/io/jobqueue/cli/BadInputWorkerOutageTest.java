package io.jobqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * job:work as its own process on PostgreSQL behind a proxy the test cuts: during the outage, plain
 * output has one line per logged event (no stack traces), and SIGTERM stops the worker promptly
 * although its fetcher waits on the pool's 10 s connection timeout.
 */
class BadInputWorkerOutageTest {

    @TempDir
    Path cwd;

    @Test
    void sigtermDuringADatabaseOutage_stopsWithinSeconds_andPrintsNoStackTraces() throws Exception {
        Services.require("PostgreSQL", Services.POSTGRESQL);
        try (CuttableProxy proxy = new CuttableProxy(Services.POSTGRESQL)) {
            String table = "bi_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            Files.writeString(cwd.resolve("jobqueue.yaml"), """
                    queues:
                      outage:
                        className: jdbc
                        options: {url: "jdbc:postgresql://127.0.0.1:%d/test", username: postgres, tableName: %s, connectionTimeout: 10}
                    """.formatted(proxy.port(), table));
            assertThat(Cli.run(cwd, "queue:setup", "outage").exitCode()).isZero();
            String job = io.jobqueue.JobSerializer.defaultSerializer().serialize(new io.jobqueue.cli.testjobs.RecordingJob("outage"));
            assertThat(Cli.run(cwd, "queue:submit", "outage", job).exitCode()).isZero();

            Path output = cwd.resolve("worker.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process worker = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    JobQueueCli.class.getName(), "job:work", "outage"))
                    .directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                // the worker runs once it has taken the job (its start-up check of the backend is over)
                await().atMost(Duration.ofSeconds(60)).until(() -> !worker.isAlive()
                        || Cli.run(cwd, "queue:stats", "outage").out().matches("(?s).*ready +0\n.*reserved +0\n.*"));
                assertThat(worker.isAlive()).as(read(output)).isTrue();

                proxy.cut(); // the database goes away: open connections break, new ones are refused
                await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(worker::isAlive);

                long start = System.nanoTime();
                worker.destroy(); // SIGTERM
                boolean exited = worker.waitFor(30, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                String log = read(output);

                assertThat(exited).as(log).isTrue();
                assertThat(took).as(log).isLessThan(Duration.ofSeconds(5));
                assertThat(worker.exitValue()).as(log).isZero();
                assertThat(log).contains("due to received interruption");
                assertThat(log.lines()).as(log).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by:")
                        || line.matches("^\\s+\\.\\.\\. \\d+ more$"));
            } finally {
                worker.destroyForcibly();
                dropTable(table);
            }
        }
    }

    private static void dropTable(String table) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);
                java.sql.Statement s = c.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>(); // the queue table and its side tables (table__unique, …)
            try (java.sql.ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE tablename LIKE '" + table + "%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String name : tables) {
                s.execute("DROP TABLE IF EXISTS " + name);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Forwards a local port to a server until {@link #cut()}: then the port is closed and every connection through it dropped. */
    static final class CuttableProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final AtomicInteger accepted = new AtomicInteger();

        CuttableProxy(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "test-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(upstream);
                    accepted.incrementAndGet();
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    return; // cut or closed
                }
            }
        }

        private void pump(Socket from, Socket to) {
            Thread pump = new Thread(() -> {
                byte[] buffer = new byte[16_384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    // one side went away: the other is closed below
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "test-proxy-pump");
            pump.setDaemon(true);
            pump.start();
        }

        void cut() {
            closeQuietly(server);
            open.forEach(CuttableProxy::closeQuietly);
        }

        @Override
        public void close() {
            cut();
        }

        private static void closeQuietly(java.io.Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
