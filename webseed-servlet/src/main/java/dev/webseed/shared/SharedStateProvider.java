package dev.webseed.shared;

import java.time.Clock;

import dev.webseed.config.WebseedConfig;

/**
 * The service interface ({@link java.util.ServiceLoader}) an optional module implements to keep
 * {@link SharedState} somewhere several servers reach. The library depends on no such module:
 * {@code webseed-redis} registers one in {@code META-INF/services}.
 */
public interface SharedStateProvider {
    /** True for the URL schemes this provider serves (e.g. {@code redis}, {@code rediss}). */
    boolean accepts(String url);

    /**
     * Opens the shared state. It must not fail because the store is away at start-up: each use
     * fails (and recovers) on its own.
     *
     * @param clock the injected clock: peer expiry, polls
     * @throws dev.webseed.config.ConfigException naming the setting that is wrong
     */
    SharedState open(WebseedConfig config, Clock clock);
}
