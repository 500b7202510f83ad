package io.jobqueue.redis.internal;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The Lettuce client and command connection of one queue, for a single server (or Sentinel
 * master) or for a Cluster; the rest of the backend sees only what both have in common. In a
 * Cluster, a script call goes to the node that owns the queue's hash tag, and the Pub/Sub
 * connection may sit on any node (Cluster broadcasts every PUBLISH).
 *
 * @param client     the client, shut down on close (the shared event loops stay)
 * @param connection the multiplexed command connection
 * @param commands   its synchronous commands
 * @param async      its asynchronous commands, for pipelining
 * @param pubSub     opens a new Pub/Sub connection
 */
record Connections(AbstractRedisClient client, StatefulConnection<String, String> connection,
        RedisClusterCommands<String, String> commands, RedisClusterAsyncCommands<String, String> async,
        Supplier<StatefulRedisPubSubConnection<String, String>> pubSub) {

    private static final SocketOptions SOCKET =
            SocketOptions.builder().connectTimeout(Duration.ofSeconds(5)).keepAlive(true).build();

    /**
     * Creates the client and connects. While a connection is down, commands fail at once instead of
     * waiting in a buffer; Lettuce reconnects in the background. A synchronous call waits at most the
     * URI's timeout ({@link RedisSettings#COMMAND_TIMEOUT}); no timer is scheduled per command. On
     * failure the client is shut down and the exception thrown as it came.
     */
    static Connections open(RedisSettings settings, String... slotKeys) {
        return settings.cluster() ? cluster(settings, slotKeys) : single(settings);
    }

    private static Connections single(RedisSettings settings) {
        RedisClient client = RedisClient.create(SharedResources.acquire(), settings.uri());
        try {
            client.setOptions(ClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SOCKET).build());
            StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8);
            return new Connections(client, connection, connection.sync(), connection.async(),
                    () -> client.connectPubSub(StringCodec.UTF8));
        } catch (RuntimeException e) {
            shutDown(client);
            throw e;
        }
    }

    // Lettuce 7 deprecates the adaptive refresh triggers and names no replacement; without them a
    // failover is noticed only at the next periodic refresh
    @SuppressWarnings("deprecation")
    private static Connections cluster(RedisSettings settings, String... slotKeys) {
        RedisClusterClient client = RedisClusterClient.create(SharedResources.acquire(), settings.uri());
        try {
            client.setOptions(ClusterClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SOCKET)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers().enablePeriodicRefresh(Duration.ofMinutes(1)).build())
                    .build());
            StatefulRedisClusterConnection<String, String> connection = client.connect(StringCodec.UTF8);
            // node connections open lazily, and a command to one still opening would be rejected:
            // open the ones to the nodes that own this queue's slot and the heartbeats' slot now
            for (String slotKey : slotKeys) {
                RedisClusterNode owner = connection.getPartitions().getPartitionBySlot(SlotHash.getSlot(slotKey));
                connection.getConnection(owner.getUri().getHost(), owner.getUri().getPort());
            }
            return new Connections(client, connection, connection.sync(), connection.async(),
                    () -> client.connectPubSub(StringCodec.UTF8));
        } catch (RuntimeException e) {
            shutDown(client);
            throw e;
        }
    }

    /** Closes the connection and shuts the client down. */
    void close() {
        try {
            connection.close();
        } finally {
            shutDown(client);
        }
    }

    private static void shutDown(AbstractRedisClient client) {
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } finally {
            SharedResources.release();
        }
    }
}
