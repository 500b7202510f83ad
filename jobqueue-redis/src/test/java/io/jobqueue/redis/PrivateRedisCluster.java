package io.jobqueue.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster of a test's own: three masters without replicas on free loopback ports, made
 * with {@code redis-cli --cluster create}; closed, it stops every node and deletes their data.
 */
final class PrivateRedisCluster implements AutoCloseable {

    private final List<PrivateRedisServer> nodes = new ArrayList<>();

    private PrivateRedisCluster() {
    }

    static PrivateRedisCluster start(int masters) throws IOException, InterruptedException {
        PrivateRedisCluster cluster = new PrivateRedisCluster();
        try {
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            for (int i = 0; i < masters; i++) {
                PrivateRedisServer node = PrivateRedisServer.start(PrivateRedisServer.freeClusterPort(),
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000");
                cluster.nodes.add(node);
                create.add("127.0.0.1:" + node.port());
            }
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            run(create);
            for (PrivateRedisServer node : cluster.nodes) {
                await("cluster state ok on node " + node.port()).atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> run(List.of("redis-cli", "-p", Integer.toString(node.port()), "cluster", "info"))
                                .contains("cluster_state:ok"));
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The port of one node, a seed for the client. */
    int port(int node) {
        return nodes.get(node).port();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() {
        UncheckedIOException failure = null;
        for (PrivateRedisServer node : nodes) {
            try {
                node.close();
            } catch (UncheckedIOException e) {
                failure = e;
            }
        }
        nodes.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
