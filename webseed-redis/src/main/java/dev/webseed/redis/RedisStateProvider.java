package dev.webseed.redis;

import java.time.Clock;

import dev.webseed.config.WebseedConfig;
import dev.webseed.shared.SharedState;
import dev.webseed.shared.SharedStateProvider;

/** Registered in {@code META-INF/services}: serves {@code redis://} and {@code rediss://} URLs. */
public final class RedisStateProvider implements SharedStateProvider {
    @Override
    public boolean accepts(String url) {
        return url.startsWith("redis://") || url.startsWith("rediss://");
    }

    @Override
    public SharedState open(WebseedConfig config, Clock clock) {
        return new RedisSharedState(config, clock);
    }
}
