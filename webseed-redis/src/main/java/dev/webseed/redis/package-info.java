/**
 * Shared state of several origin servers in Redis (README "Several servers"): swarms ({@link
 * dev.webseed.redis.RedisSwarmStore}), byte budgets, found by the library through {@link
 * java.util.ServiceLoader} when {@code redisUrl} is set. Lettuce is the client: one thread-safe,
 * pipelined connection serves every request thread, with timeouts and automatic reconnection.
 */
package dev.webseed.redis;
