package dev.webseed.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.webseed.testing.RedisServer;
import dev.webseed.tracker.SwarmStore;
import dev.webseed.tracker.MemorySwarmStoreTest;
import dev.webseed.tracker.PeerLimits;

/**
 * Every in-memory swarm store test, on the Redis store and a real redis-server: a shared swarm
 * behaves exactly as a local one.
 */
final class RedisSwarmStoreTest extends MemorySwarmStoreTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();
    private static RedisLink link;

    @Override
    protected SwarmStore newStore(int maxTorrents, PeerLimits limits, Duration peerTimeout, boolean keepCompleted) {
        if (link == null) {
            link = new RedisLink(REDIS.url(), Duration.ofSeconds(5));
        }
        // a key prefix per store: every test starts on an empty deployment
        return new RedisSwarmStore(link, "test" + DEPLOYMENTS.incrementAndGet() + ":", maxTorrents,
                limits.maxPeersPerTorrent(), limits.maxPeersPerAddress(), peerTimeout, keepCompleted);
    }

    @AfterAll
    static void closeLink() {
        if (link != null) {
            link.close();
            link = null;
        }
    }
}
