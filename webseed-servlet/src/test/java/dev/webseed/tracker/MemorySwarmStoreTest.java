package dev.webseed.tracker;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.webseed.metainfo.InfoHash;

/**
 * What the in-memory {@link SwarmStore} does, as a table of announces and the counts and peers they
 * give. Every other store must do the same: the webseed-redis module runs these tests against its
 * store by overriding {@link #newStore}, so a shared swarm behaves exactly as a local one.
 */
public class MemorySwarmStoreTest {
    static final InfoHash A = InfoHash.fromHex("aa".repeat(20));
    static final InfoHash B = InfoHash.fromHex("bb".repeat(20));
    /** Milliseconds of the injected clock. */
    protected static final long T0 = 1_700_000_000_000L;

    private SwarmStore store;

    /**
     * A new, empty store.
     *
     * @param keepCompleted keep an empty swarm whose downloaded count is not zero
     */
    protected SwarmStore newStore(int maxTorrents, PeerLimits limits, Duration peerTimeout, boolean keepCompleted) {
        return new MemorySwarmStore(maxTorrents, limits, peerTimeout, keepCompleted, new SplittableRandom(3), T0);
    }

    private SwarmStore newStore(int maxTorrents, int maxPeersPerTorrent, Duration peerTimeout, boolean keepCompleted) {
        return newStore(maxTorrents, new PeerLimits(maxPeersPerTorrent, maxPeersPerTorrent), peerTimeout,
                keepCompleted);
    }

    @BeforeEach
    void createStore() {
        store = newStore(100, 1000, Duration.ofMinutes(45), true);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static byte[] id(int n) {
        byte[] id = "-XX0000-000000000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer.wrap(id).putInt(16, n);
        return id;
    }

    static byte[] v4(int n) {
        return new byte[] {10, 0, (byte) (n >> 8), (byte) n};
    }

    static byte[] v6(int n) {
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[14] = (byte) (n >> 8);
        a[15] = (byte) n;
        return a;
    }

    private AnnounceResult announce(InfoHash h, int peer, byte[] address, boolean seed, Event event, int numwant,
            long at) {
        return store.announce(new Announce(h, id(peer), address, 6881, seed, event, numwant, false), at);
    }

    @Test
    void counters_followStartedCompletedStoppedAndPaused() {
        announce(A, 1, v4(1), false, Event.STARTED, 50, T0);
        announce(A, 2, v4(2), false, Event.STARTED, 50, T0);
        announce(A, 3, v4(3), true, Event.STARTED, 50, T0);
        assertThat("2 leechers, 1 seed", store.counts(A, T0), is(new SwarmCounts(1, 2, 0, 2)));

        announce(A, 1, v4(1), true, Event.COMPLETED, 50, T0);
        assertThat("completed makes a seed and counts", store.counts(A, T0), is(new SwarmCounts(2, 1, 1, 1)));
        announce(A, 1, v4(1), true, Event.COMPLETED, 50, T0);
        assertThat("a repeated completed counts once", store.counts(A, T0).downloaded(), is(1L));

        announce(A, 2, v4(2), false, Event.PAUSED, 50, T0);
        assertThat("BEP 21 partial seed: incomplete but not a downloader", store.counts(A, T0),
                is(new SwarmCounts(2, 1, 1, 0)));

        announce(A, 3, v4(3), true, Event.STOPPED, 50, T0);
        assertThat("stopped removes", store.counts(A, T0), is(new SwarmCounts(1, 1, 1, 0)));
        assertThat("peers", store.totals().peers(), is(2L));
        assertThat("other swarm untouched", store.counts(B, T0), is(SwarmCounts.EMPTY));
    }

    @Test
    void dualStackClient_isTwoEntriesButCountsOnce() {
        announce(A, 1, v4(1), false, Event.STARTED, 50, T0);
        announce(A, 1, v6(1), false, Event.STARTED, 50, T0);
        assertThat("two entries", store.totals().peers(), is(2L));
        assertThat("one leecher", store.counts(A, T0), is(new SwarmCounts(0, 1, 0, 1)));

        announce(A, 1, v4(1), true, Event.COMPLETED, 50, T0);
        announce(A, 1, v6(1), true, Event.COMPLETED, 50, T0);
        assertThat("one seed, one download", store.counts(A, T0), is(new SwarmCounts(1, 0, 1, 0)));

        announce(A, 1, v4(1), true, Event.STOPPED, 0, T0);
        assertThat("the IPv6 entry now counts", store.counts(A, T0), is(new SwarmCounts(1, 0, 1, 0)));
        announce(A, 1, v6(1), true, Event.STOPPED, 0, T0);
        assertThat("gone", store.counts(A, T0), is(new SwarmCounts(0, 0, 1, 0)));

        AnnounceResult r = announce(A, 2, v6(2), false, Event.STARTED, 50, T0);
        assertThat("no peers to give", r.peers6().length, is(0));
        announce(A, 3, v4(3), false, Event.STARTED, 50, T0);
        r = announce(A, 2, v6(2), false, Event.NONE, 50, T0);
        assertThat("v4 peer in peers, 6 bytes", r.peers4().length, is(6));
        assertThat("itself not in peers6", r.peers6().length, is(0));
    }

    @Test
    void expiry_followsTheInjectedClock() {
        announce(A, 1, v4(1), false, Event.STARTED, 50, T0);
        announce(A, 2, v4(2), true, Event.STARTED, 50, T0 + 600_000);
        long t = T0 + Duration.ofMinutes(45).toMillis() - 1000;
        assertThat("not yet", store.counts(A, t), is(new SwarmCounts(1, 1, 0, 1)));
        t += 1000;
        assertThat("peer 1 expired after 45 min", store.counts(A, t), is(new SwarmCounts(1, 0, 0, 0)));
        AnnounceResult r = announce(A, 3, v4(3), false, Event.STARTED, 50, t);
        assertThat("only the live seed is handed out", r.peers4().length, is(6));

        store.expire(t + Duration.ofMinutes(46).toMillis());
        assertThat("expire drops peers and empty swarms", store.totals().swarms(), is(0));
        assertThat("no peers", store.totals().peers(), is(0L));
    }

    @Test
    void expire_keepsACompletedSwarmWhenAsked() {
        announce(A, 1, v4(1), true, Event.COMPLETED, 50, T0);
        announce(B, 1, v4(1), false, Event.STARTED, 50, T0);
        store.expire(T0 + Duration.ofHours(1).toMillis());
        assertThat("A kept for its downloaded count, B dropped", store.totals().swarms(), is(1));
        assertThat("downloaded survives", store.counts(A, T0 + Duration.ofHours(1).toMillis()),
                is(new SwarmCounts(0, 0, 1, 0)));
    }

    @Test
    void caps_torrentsRefusedAndAFullSwarmMakesRoom() {
        SwarmStore small = newStore(2, 3, Duration.ofMinutes(45), false);
        small.announce(new Announce(A, id(1), v4(1), 1, false, Event.STARTED, 50, false), T0);
        small.announce(new Announce(B, id(1), v4(1), 1, false, Event.STARTED, 50, false), T0);
        InfoHash c = InfoHash.fromHex("cc".repeat(20));
        TrackerFailure e = assertThrows(TrackerFailure.class,
                () -> small.announce(new Announce(c, id(1), v4(1), 1, false, Event.STARTED, 50, false), T0));
        assertThat("reason", e.reason(), containsString("maxTorrents"));
        for (int p = 2; p <= 5; p++) {
            small.announce(new Announce(A, id(p), v4(p), 1, false, Event.STARTED, 50, false), T0);
        }
        assertThat("3 peers kept in A", small.counts(A, T0).incomplete(), is(3));
        long later = T0 + 5_000; // newcomers are the most recent: the stalest of a tie gives way first
        small.announce(new Announce(A, id(9), v4(9), 1, false, Event.STARTED, 50, false), later);
        AnnounceResult other = small.announce(new Announce(A, id(10), v4(10), 1, false, Event.STARTED, 50,
                false), later);
        assertThat("still 3 peers", small.counts(A, T0).incomplete(), is(3));
        assertThat("the newcomer made room and is handed out", contains(other.peers4(), v4(9)), is(true));
    }

    // --- PeerLimits: one address cannot fill a swarm ------------------------------

    private SwarmStore limited(int perTorrent, int perAddress) {
        return newStore(10, new PeerLimits(perTorrent, perAddress), Duration.ofMinutes(45), false);
    }

    private static AnnounceResult join(SwarmStore s, int peer, byte[] address) {
        return join(s, peer, address, T0);
    }

    private static AnnounceResult join(SwarmStore s, int peer, byte[] address, long at) {
        return s.announce(new Announce(A, id(peer), address, 6881, false, Event.STARTED, 200, false), at);
    }

    private static boolean contains(byte[] compact, byte[] address) {
        int entry = address.length + 2;
        for (int off = 0; off + entry <= compact.length; off += entry) {
            if (java.util.Arrays.equals(compact, off, off + address.length, address, 0, address.length)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void perAddress_oneIPv4AddressHoldsAtMostItsShare() {
        SwarmStore s = limited(1000, 4);
        for (int p = 0; p < 10_000; p++) {
            join(s, p, v4(1)); // the flood: fresh peer ids from one address
        }
        assertThat("the flood keeps 4 places", s.counts(A, T0).incomplete(), is(4));
        join(s, 20_000, v4(2));
        AnnounceResult genuine = join(s, 20_001, v4(3));
        assertThat("genuine peers are stored and handed out", s.counts(A, T0).incomplete(), is(6));
        assertThat(contains(genuine.peers4(), v4(2)), is(true));
    }

    @Test
    void perAddress_anIPv6Slash64IsOneAddress() {
        SwarmStore s = limited(1000, 4);
        for (int p = 0; p < 300; p++) {
            byte[] a = v6(p); // same /64 (2001::/64), a new interface id each time
            a[9] = (byte) p;
            join(s, p, a);
        }
        assertThat(s.counts(A, T0).incomplete(), is(4));
        byte[] otherNet = v6(1);
        otherNet[7] = 1; // another /64
        join(s, 1000, otherNet);
        assertThat(s.counts(A, T0).incomplete(), is(5));
    }

    @Test
    void perAddress_aKnownPeerIsAlwaysRefreshed() {
        SwarmStore s = limited(1000, 2);
        join(s, 1, v4(1));
        join(s, 2, v4(1));
        join(s, 3, v4(1)); // not stored
        AnnounceResult again = s.announce(new Announce(A, id(1), v4(1), 6881, true, Event.COMPLETED, 50, false), T0);
        assertThat("peer 1 became a seed", again.counts().complete(), is(1));
        s.announce(new Announce(A, id(1), v4(1), 6881, true, Event.STOPPED, 50, false), T0);
        join(s, 3, v4(1));
        assertThat("a place freed by stopping is taken again", s.counts(A, T0).incomplete(), is(2));
    }

    @Test
    void full_aFloodOfManyAddressesCannotFreezeTheList() {
        SwarmStore s = limited(100, 4);
        for (int p = 0; p < 100; p++) {
            join(s, p, v4(p / 4)); // 25 addresses at their cap fill the swarm
        }
        assertThat(s.counts(A, T0).incomplete(), is(100));
        for (int g = 0; g < 50; g++) {
            join(s, 1000 + g, new byte[] {(byte) 198, 51, 100, (byte) g}); // 50 genuine peers, one address each
        }
        assertThat("never over the cap", s.counts(A, T0).incomplete(), is(100));
        AnnounceResult last = join(s, 2000, new byte[] {(byte) 203, 0, 113, 1});
        int genuine = 0;
        for (int g = 0; g < 50; g++) {
            genuine += contains(last.peers4(), new byte[] {(byte) 198, 51, 100, (byte) g}) ? 1 : 0;
        }
        assertThat("every genuine peer kept its place: crowded addresses gave way", genuine, is(50));
    }

    @Test
    void full_aCrowdedNewcomerDoesNotPushOutLoneAddresses() {
        SwarmStore s = limited(10, 10);
        for (int p = 0; p < 10; p++) {
            join(s, p, v4(p)); // ten addresses with one peer each
        }
        // the newcomers come later than the ten, so a tie in group size never picks a newcomer as the
        // one to drop (the sample is random in a shared store)
        join(s, 100, v4(200), T0 + 5_000);
        join(s, 101, v4(200), T0 + 5_000); // its group holds 1 already, every victim's group 1: not stored
        assertThat(s.counts(A, T0).incomplete(), is(10));
        AnnounceResult probe = join(s, 102, v4(201), T0 + 5_000);
        assertThat("the first newcomer is in", contains(probe.peers4(), v4(200)), is(true));
    }

    @Test
    void full_makingRoomKeepsTheCountersExactWithDualStackPeers() {
        SwarmStore s = limited(20, 20);
        for (int p = 0; p < 10; p++) {
            join(s, p, v4(1));
            s.announce(new Announce(A, id(p), v6(1), 6881, p % 2 == 0, Event.STARTED, 50, false), T0);
        }
        assertThat("ten clients on two families", s.counts(A, T0).complete() + s.counts(A, T0).incomplete(), is(10));
        for (int g = 0; g < 30; g++) {
            join(s, 500 + g, new byte[] {(byte) 198, 51, 100, (byte) g});
        }
        SwarmCounts c = s.counts(A, T0);
        assertThat("counted clients never exceed stored entries", c.complete() + c.incomplete() <= s.totals().peers(),
                is(true));
        assertThat(s.totals().peers(), is(20L));
        for (int p = 0; p < 600; p++) {
            s.announce(new Announce(A, id(p), p < 10 ? v4(1) : new byte[] {(byte) 198, 51, 100, (byte) (p - 500)},
                    6881, false, Event.STOPPED, 0, false), T0);
            s.announce(new Announce(A, id(p), v6(1), 6881, false, Event.STOPPED, 0, false), T0);
        }
        assertThat("everyone stopped: the counters are back at zero", s.counts(A, T0), is(new SwarmCounts(0, 0, 0, 0)));
    }

    @Test
    void selection_isDistinctExcludesSelfAndIsCapped() {
        for (int p = 0; p < 500; p++) {
            announce(A, p, v4(p), false, Event.STARTED, 0, T0);
        }
        Set<Integer> seenOverall = new HashSet<>();
        for (int round = 0; round < 50; round++) {
            AnnounceResult r = announce(A, 7, v4(7), false, Event.NONE, 50, T0);
            assertThat("50 peers", r.peers4().length, is(300));
            Set<Integer> distinct = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                int last = ByteBuffer.wrap(r.peers4()).getShort(i * 6 + 2) & 0xffff;
                distinct.add(last);
                assertThat("port in network order", ByteBuffer.wrap(r.peers4()).getShort(i * 6 + 4) & 0xffff,
                        is(6881));
            }
            assertThat("distinct", distinct.size(), is(50));
            assertThat("never itself", distinct.contains(7), is(false));
            seenOverall.addAll(distinct);
        }
        assertThat("random: 50 rounds reach most of the 499 others", seenOverall.size() > 400, is(true));
    }

    @Test
    void selection_splitsBetweenFamiliesBySize() {
        for (int p = 0; p < 30; p++) {
            announce(A, p, v4(p), false, Event.STARTED, 0, T0);
        }
        for (int p = 100; p < 110; p++) {
            announce(A, p, v6(p), false, Event.STARTED, 0, T0);
        }
        AnnounceResult r = announce(A, 200, v4(200), false, Event.STARTED, 20, T0);
        assertThat("20 wanted from 30 v4 + 10 v6: 15 v4", r.peers4().length, is(15 * 6));
        assertThat("5 v6, 18 bytes each", r.peers6().length, is(5 * 18));
        AnnounceResult all = announce(A, 201, v6(201), false, Event.STARTED, 50, T0);
        assertThat("everyone but itself", all.peers4().length / 6 + all.peers6().length / 18, is(41));
    }

    @Test
    void randomChurn_keepsIndexAndCountersConsistent() {
        Random random = new Random(42);
        boolean[] present = new boolean[300];
        boolean[] seed = new boolean[300];
        for (int step = 0; step < 20_000; step++) {
            int p = random.nextInt(300);
            if (present[p] && random.nextInt(3) == 0) {
                announce(A, p, v4(p), seed[p], Event.STOPPED, 0, T0);
                present[p] = false;
            } else {
                seed[p] = random.nextBoolean();
                announce(A, p, v4(p), seed[p], Event.NONE, 0, T0);
                present[p] = true;
            }
        }
        int seeds = 0;
        int leechers = 0;
        for (int p = 0; p < 300; p++) {
            if (present[p]) {
                if (seed[p]) {
                    seeds++;
                } else {
                    leechers++;
                }
            }
        }
        assertThat("counters match the model", store.counts(A, T0), is(new SwarmCounts(seeds, leechers, 0, leechers)));
        assertThat("peer count", store.totals().peers(), is((long) seeds + leechers));
        AnnounceResult r = announce(A, 999, v4(999), false, Event.NONE, 1000, T0);
        assertThat("every stored peer is reachable", r.peers4().length / 6, is(seeds + leechers));
        assertThat("sanity", seeds + leechers, not(is(0)));
    }
}
