package dev.webseed.redis;

import java.time.Clock;
import java.time.Duration;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.paygate.GraceMemory;
import dev.webseed.paygate.SharedPaygate;
import dev.webseed.shared.PublishedTorrents;
import dev.webseed.shared.SharedState;
import dev.webseed.tracker.PeerLimits;
import dev.webseed.tracker.SwarmStore;

/**
 * Swarms, published torrents, byte budgets, revocations and the grace memory of one deployment ({@code redisKeyPrefix})
 * in one Redis ({@code redisUrl}), over one connection.
 */
final class RedisSharedState implements SharedState {
    private final RedisLink link;
    private final RedisSwarmStore swarms;
    private final RedisPublished published;
    private final SharedPaygate paygate;

    RedisSharedState(WebseedConfig config, Clock clock) {
        this.link = new RedisLink(config.get(Settings.REDIS_URL), config.get(Settings.REDIS_TIMEOUT));
        try {
            link.commands(); // connect now, so the first request does not wait for it
        } catch (RedisLink.Unavailable e) {
            // Redis away at start-up: each use fails (and recovers) on its own
        }
        String prefix = config.get(Settings.REDIS_KEY_PREFIX);
        PeerLimits limits = PeerLimits.of(config);
        this.swarms = new RedisSwarmStore(link, prefix, config.get(Settings.MAX_TORRENTS),
                limits.maxPeersPerTorrent(), limits.maxPeersPerAddress(), config.get(Settings.PEER_TIMEOUT),
                !config.get(Settings.TRACKER_OPEN));
        this.published = new RedisPublished(link, prefix);
        Duration afterExpiry = config.get(Settings.PAYGATE_CLOCK_SKEW).plus(config.get(Settings.PAYGATE_GRACE));
        this.paygate = new SharedPaygate(new RedisBudgets(link, prefix, clock, afterExpiry,
                config.get(Settings.REDIS_POLL_INTERVAL)),
                new RedisRevocations(link, prefix, clock, config.get(Settings.REDIS_POLL_INTERVAL)),
                new RedisGraceMemory(link, prefix, clock, afterExpiry,
                        GraceMemory.inMemory(Math.max(1024, config.get(Settings.PAYGATE_TOKEN_CACHE_SIZE)))));
    }

    @Override
    public SwarmStore swarms() {
        return swarms;
    }

    @Override
    public PublishedTorrents published() {
        return published;
    }

    @Override
    public SharedPaygate paygate() {
        return paygate;
    }

    @Override
    public void close() {
        link.close();
    }
}
