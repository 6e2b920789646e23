/**
 * Shared state of several origin servers in Redis (README "Several servers"): swarms ({@link
 * dev.webseed.redis.RedisSwarmStore}), the published torrents ({@link dev.webseed.redis.RedisPublished}), byte
 * budgets, revocations and the grace memory, found by the library through {@link
 * java.util.ServiceLoader} when {@code redisUrl} is set. Lettuce is the client: one thread-safe,
 * pipelined connection serves every request thread, with timeouts and automatic reconnection.
 */
package dev.webseed.redis;
