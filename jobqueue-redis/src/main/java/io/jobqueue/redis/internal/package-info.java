/**
 * How the Redis backend works inside: option parsing, the key layout, the Lua scripts and the
 * connections (commands, Pub/Sub wake-ups). Not for use outside this module.
 */
package io.jobqueue.redis.internal;
