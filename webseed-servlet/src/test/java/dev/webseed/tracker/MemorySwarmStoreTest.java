package dev.webseed.tracker;

import java.time.Duration;
import java.util.SplittableRandom;

/** The swarm store contract on the in-memory store. */
final class MemorySwarmStoreTest extends SwarmStoreContract {
    @Override
    protected SwarmStore newStore(int maxTorrents, int maxPeersPerTorrent, Duration peerTimeout,
            boolean keepCompleted) {
        return new MemorySwarmStore(maxTorrents, maxPeersPerTorrent, peerTimeout, keepCompleted,
                new SplittableRandom(7), T0);
    }
}
