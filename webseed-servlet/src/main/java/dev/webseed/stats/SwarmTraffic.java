package dev.webseed.stats;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Caffeine;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.tracker.Announce;
import dev.webseed.tracker.Event;
import dev.webseed.tracker.TrackerListener;

/**
 * What the swarm reports to the tracker, per info-hash and in total: announces, scrapes and the
 * bytes clients say they downloaded.
 *
 * <p><b>Bytes the swarm reports.</b> An announce carries {@code downloaded}, the bytes the client
 * got since its {@code started} announce, from the origin and from peers alike (BEP 3). The
 * delivered bytes are the sum of the increases: the last value of each peer (info-hash and peer
 * id) is remembered, and each announce adds what it grew by. A peer not remembered (first seen,
 * or forgotten) adds its whole value, which is what it downloaded in its session; a value that
 * went down means a new session and counts whole; {@code stopped} adds the rest and forgets the
 * peer. A client that announces over IPv4 and IPv6 (BEP 7) sends the same value twice: the second
 * adds nothing.</p>
 *
 * <p>Bounded: at most {@code maxPeers} last values (least recently announced forgotten first,
 * and any not refreshed within the peer timeout) and {@code maxSwarms} per-swarm rows (further
 * swarms count in the totals only).</p>
 */
public final class SwarmTraffic implements TrackerListener {
    private final Clock clock;
    private final Duration window;
    private final int maxSwarms;
    private final ConcurrentMap<PeerKey, Long> lastDownloaded;
    private final ConcurrentHashMap<InfoHash, Row> rows = new ConcurrentHashMap<>();
    private final Row total;

    public SwarmTraffic(Clock clock, Duration window, int maxSwarms, int maxPeers, Duration peerTimeout) {
        this.clock = clock;
        this.window = window;
        this.maxSwarms = maxSwarms;
        this.total = new Row(new RecentWindow(clock, window));
        this.lastDownloaded = Caffeine.newBuilder()
                .maximumSize(maxPeers)
                .expireAfterWrite(peerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run) // evict on the announcing thread: the bound holds at once
                .<PeerKey, Long>build().asMap();
    }

    @Override
    public void announced(Announce announce, long downloaded) {
        PeerKey key = new PeerKey(announce.infoHash(), announce.peerId());
        Long last = announce.event() == Event.STOPPED ? lastDownloaded.remove(key)
                : lastDownloaded.put(key, downloaded);
        long delta = last == null || downloaded < last ? downloaded : downloaded - last;
        Row row = row(announce.infoHash());
        total.announces.increment();
        total.add(delta);
        if (row != null) {
            row.announces.increment();
            row.add(delta);
        }
    }

    @Override
    public void scraped(InfoHash infoHash) {
        total.scrapes.increment();
        Row row = row(infoHash);
        if (row != null) {
            row.scrapes.increment();
        }
    }

    /** The totals over every swarm. */
    public Counts total() {
        return total.counts();
    }

    /** The counts of one swarm (zeros when none were kept). */
    public Counts of(InfoHash infoHash) {
        Row row = rows.get(infoHash);
        return row == null ? Counts.ZERO : row.counts();
    }

    /** Peers whose last value is remembered now (at most {@code maxPeers}). */
    public long rememberedPeers() {
        return lastDownloaded.size();
    }

    /** The window the recent counts cover. */
    public Duration window() {
        return window;
    }

    private Row row(InfoHash hash) {
        Row row = rows.get(hash);
        if (row == null && rows.size() < maxSwarms) {
            row = rows.computeIfAbsent(hash, k -> new Row(new RecentWindow(clock, window)));
        }
        return row;
    }

    /**
     * Announces, scrapes and reported bytes of a swarm.
     *
     * @param announces           accepted announces
     * @param scrapes             scrapes that named the swarm
     * @param reportedBytes       sum of the {@code downloaded} increases, since start
     * @param recentReportedBytes the same within the window
     */
    public record Counts(long announces, long scrapes, long reportedBytes, long recentReportedBytes) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0);
    }

    private static final class Row {
        final LongAdder announces = new LongAdder();
        final LongAdder scrapes = new LongAdder();
        final LongAdder reported = new LongAdder();
        final RecentWindow recent;

        Row(RecentWindow recent) {
            this.recent = recent;
        }

        void add(long delta) {
            if (delta > 0) {
                reported.add(delta);
                recent.add(delta);
            }
        }

        Counts counts() {
            return new Counts(announces.sum(), scrapes.sum(), reported.sum(), recent.sum());
        }
    }

    /** Info-hash and peer id in one 40-byte key. */
    private static final class PeerKey {
        private final byte[] bytes = new byte[40];
        private final int hash;

        PeerKey(InfoHash infoHash, byte[] peerId) {
            System.arraycopy(infoHash.bytes(), 0, bytes, 0, 20);
            System.arraycopy(peerId, 0, bytes, 20, 20);
            hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PeerKey other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
