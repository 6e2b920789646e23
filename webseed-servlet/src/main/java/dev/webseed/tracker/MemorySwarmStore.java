package dev.webseed.tracker;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

import dev.webseed.metainfo.InfoHash;

/**
 * The default {@link SwarmStore}: every swarm in this JVM's heap, compact and bounded.
 *
 * <p>Peers live in per-swarm packed arrays ({@link PeerTable}: 32 bytes per IPv4 peer, 44 per
 * IPv6 peer, plus index), not one object each; the anchors are opentracker's 8-byte IPv4 peer
 * payload and chihaya's optimised store at 25-39 bytes (docs/design.md "Swarm memory"). Caps: {@code
 * maxTorrents} swarms (a new swarm beyond it is refused), and {@link PeerLimits}: {@code
 * maxPeersPerAddress} peers of one address per swarm and {@code maxPeersPerTorrent} peers per
 * swarm, where a newcomer makes room by dropping a peer of a crowded address (a peer that is not
 * stored still gets peers). A peer expires {@code
 * peerTimeout} after its last announce; every swarm sweeps itself when its oldest peer is due,
 * so the counts it reports never include an expired peer, and {@link #expire} drops swarms
 * nobody announces to any more.</p>
 */
public final class MemorySwarmStore implements SwarmStore {
    private final ConcurrentHashMap<InfoHash, Swarm> swarms = new ConcurrentHashMap<>();
    private final int maxTorrents;
    private final PeerLimits limits;
    private final int timeoutSeconds;
    private final boolean keepCompleted;
    private final RandomGenerator random;
    private final long epochMillis;

    /**
     * @param maxTorrents        most swarms
     * @param maxPeersPerTorrent most peers in one swarm (both families together)
     * @param peerTimeout        a peer is dropped this long after its last announce
     * @param keepCompleted      keep an empty swarm whose {@code downloaded} is not zero (a
     *                           closed tracker's published torrents keep their count)
     * @param random             source for peer selection
     * @param epochMillis        the clock's time now; time is kept in seconds since then
     */
    public MemorySwarmStore(int maxTorrents, int maxPeersPerTorrent, Duration peerTimeout, boolean keepCompleted,
            RandomGenerator random, long epochMillis) {
        this(maxTorrents, new PeerLimits(maxPeersPerTorrent, maxPeersPerTorrent), peerTimeout, keepCompleted, random,
                epochMillis);
    }

    /**
     * @param maxTorrents   most swarms
     * @param limits        most peers per swarm and per address group, and who makes room (see {@link PeerLimits})
     * @param peerTimeout   a peer is dropped this long after its last announce
     * @param keepCompleted keep an empty swarm whose {@code downloaded} is not zero
     * @param random        source for peer selection and for choosing whom a full swarm drops
     * @param epochMillis   the clock's time now; time is kept in seconds since then
     */
    public MemorySwarmStore(int maxTorrents, PeerLimits limits, Duration peerTimeout, boolean keepCompleted,
            RandomGenerator random, long epochMillis) {
        this.maxTorrents = maxTorrents;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.timeoutSeconds = (int) Math.min(Integer.MAX_VALUE / 4, Math.max(1, peerTimeout.toSeconds()));
        this.keepCompleted = keepCompleted;
        this.random = random;
        this.epochMillis = epochMillis;
    }

    @Override
    public AnnounceResult announce(Announce announce, long nowMillis) {
        int now = seconds(nowMillis);
        while (true) {
            Swarm swarm = swarms.get(announce.infoHash());
            if (swarm == null) {
                if (announce.event() == Event.STOPPED) {
                    return new AnnounceResult(SwarmCounts.EMPTY, new byte[0], new byte[0], null, null);
                }
                if (swarms.size() >= maxTorrents) {
                    throw new TrackerFailure("tracker is full (maxTorrents " + maxTorrents + " swarms)");
                }
                swarm = swarms.computeIfAbsent(announce.infoHash(), k -> new Swarm());
            }
            synchronized (swarm) {
                if (!swarm.dead) {
                    return swarm.announce(announce, now, timeoutSeconds, limits, random);
                }
            }
            // the swarm was dropped between lookup and lock: look again
        }
    }

    @Override
    public SwarmCounts counts(InfoHash infoHash, long nowMillis) {
        Swarm swarm = swarms.get(infoHash);
        return swarm == null ? SwarmCounts.EMPTY : swarm.countsAt(seconds(nowMillis), timeoutSeconds);
    }

    @Override
    public void forEach(BiConsumer<InfoHash, SwarmCounts> action) {
        for (Map.Entry<InfoHash, Swarm> e : swarms.entrySet()) {
            action.accept(e.getKey(), e.getValue().counts());
        }
    }

    @Override
    public void expire(long nowMillis) {
        int now = seconds(nowMillis);
        for (Map.Entry<InfoHash, Swarm> e : swarms.entrySet()) {
            Swarm swarm = e.getValue();
            synchronized (swarm) {
                if (swarm.sweep(now, timeoutSeconds) == 0 && !(keepCompleted && swarm.downloaded() > 0)) {
                    swarm.dead = true;
                    swarms.remove(e.getKey(), swarm);
                }
            }
        }
    }

    @Override
    public SwarmTotals totals() {
        long peers = 0;
        for (Swarm swarm : swarms.values()) {
            peers += swarm.size();
        }
        return new SwarmTotals(swarms.size(), peers);
    }

    @Override
    public void close() {
        swarms.clear();
    }

    private int seconds(long nowMillis) {
        long s = Math.floorDiv(nowMillis - epochMillis, 1000);
        return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, s));
    }
}
