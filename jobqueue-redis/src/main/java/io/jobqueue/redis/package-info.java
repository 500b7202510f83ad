/**
 * The Redis backend: {@link io.jobqueue.redis.RedisBackend}, built by
 * {@link io.jobqueue.redis.RedisQueueFactory} for {@code className: redis}. See {@code docs/redis.md}.
 */
package io.jobqueue.redis;
