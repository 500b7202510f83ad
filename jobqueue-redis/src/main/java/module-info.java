/** The Redis backend ({@code className: redis}): queues in Redis 6.2+ standalone, Sentinel or Cluster, through Lettuce. */
module io.jobqueue.redis {
    requires transitive io.jobqueue.core;
    requires lettuce.core;
    requires reactor.core;
    requires org.slf4j;

    exports io.jobqueue.redis;

    provides io.jobqueue.spi.QueueFactory with io.jobqueue.redis.RedisQueueFactory;
}
