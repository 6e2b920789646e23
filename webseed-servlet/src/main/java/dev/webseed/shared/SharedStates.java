package dev.webseed.shared;

import java.time.Clock;
import java.util.Optional;
import java.util.ServiceLoader;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;

/** Finds the {@link SharedStateProvider} for {@code redisUrl}. */
public final class SharedStates {
    private SharedStates() {
    }

    /**
     * The shared state {@code redisUrl} names, or empty when it is not set (this server's memory).
     *
     * @throws ConfigException naming {@code redisUrl} when no module on the class path serves it
     */
    public static Optional<SharedState> open(WebseedConfig config, Clock clock) {
        String url = config.get(Settings.REDIS_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        for (SharedStateProvider provider : ServiceLoader.load(SharedStateProvider.class,
                SharedStates.class.getClassLoader())) {
            if (provider.accepts(url)) {
                return Optional.of(provider.open(config, clock));
            }
        }
        throw new ConfigException(Settings.REDIS_URL.name(), "is set but the webseed-redis module is not on the "
                + "class path (add webseed-redis and its dependencies: see README \"Several servers\")");
    }
}
