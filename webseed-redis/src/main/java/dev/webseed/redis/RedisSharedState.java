package dev.webseed.redis;

import java.time.Clock;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.paygate.BudgetReserver;
import dev.webseed.paygate.SharedRevocations;
import dev.webseed.shared.SharedState;
import dev.webseed.tracker.PeerLimits;
import dev.webseed.tracker.SwarmStore;

/** Swarms, byte budgets and revocations of one deployment ({@code redisKeyPrefix}) in one Redis ({@code redisUrl}). */
final class RedisSharedState implements SharedState {
    private final RedisLink link;
    private final RedisSwarmStore swarms;
    private final RedisBudgets budgets;
    private final RedisRevocations revocations;

    RedisSharedState(WebseedConfig config, Clock clock) {
        this.link = new RedisLink(config.get(Settings.REDIS_URL), config.get(Settings.REDIS_TIMEOUT));
        String prefix = config.get(Settings.REDIS_KEY_PREFIX);
        PeerLimits limits = PeerLimits.of(config);
        this.swarms = new RedisSwarmStore(link, prefix, config.get(Settings.MAX_TORRENTS),
                limits.maxPeersPerTorrent(), limits.maxPeersPerAddress(), config.get(Settings.PEER_TIMEOUT),
                !config.get(Settings.TRACKER_OPEN));
        this.budgets = new RedisBudgets(link, prefix, clock,
                config.get(Settings.PAYGATE_CLOCK_SKEW).plus(config.get(Settings.PAYGATE_GRACE)));
        this.revocations = new RedisRevocations(link, prefix, clock, config.get(Settings.REDIS_POLL_INTERVAL));
    }

    @Override
    public SwarmStore swarms() {
        return swarms;
    }

    @Override
    public BudgetReserver budgets() {
        return budgets;
    }

    @Override
    public SharedRevocations revocations() {
        return revocations;
    }

    @Override
    public void close() {
        link.close();
    }
}
