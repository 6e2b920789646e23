package dev.webseed.redis;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.testing.RedisServer;
import dev.webseed.tracker.Announce;
import dev.webseed.tracker.AnnounceResult;
import dev.webseed.tracker.Event;

/**
 * The sample a server keeps of a small swarm (PeerSample): while no entry comes, goes or moves, on
 * any server, announces are answered from it without Redis sampling again; any change, on any
 * server, is seen by the next announce. Two stores on one real redis-server stand for two servers.
 */
final class PeerSampleTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final InfoHash A = InfoHash.fromHex("ab".repeat(20));
    private static final long T0 = 1_800_000_000_000L;
    private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();
    private static RedisLink link;
    private RedisSwarmStore one;
    private RedisSwarmStore two;

    @BeforeAll
    static void connect() {
        link = new RedisLink(REDIS.url(), Duration.ofSeconds(5));
    }

    @AfterAll
    static void close() {
        link.close();
    }

    private void twoServers() {
        String prefix = "sample" + DEPLOYMENTS.incrementAndGet() + ":";
        one = new RedisSwarmStore(link, prefix, 10, 1000, 32, Duration.ofMinutes(30), false);
        two = new RedisSwarmStore(link, prefix, 10, 1000, 32, Duration.ofMinutes(30), false);
    }

    @Test
    void anUnchangedSwarmIsAnsweredFromTheKeptSample() {
        twoServers();
        for (int p = 1; p <= 5; p++) {
            join(one, p, Event.STARTED, 0);
        }
        assertThat("first ask: 4 others", peers(join(one, 1, Event.NONE, 50)), is(Set.of(2, 3, 4, 5)));
        long sampled = hrandfieldCalls();
        for (int round = 0; round < 10; round++) {
            assertThat("the same 4, from the kept sample", peers(join(one, 1 + round % 5, Event.NONE, 50)).size(),
                    is(4));
        }
        assertThat("Redis sampled no more", hrandfieldCalls(), is(sampled));
    }

    @Test
    void aChangeOnAnotherServerIsSeenAtOnce() {
        twoServers();
        for (int p = 1; p <= 3; p++) {
            join(one, p, Event.STARTED, 0);
        }
        assertThat(peers(join(one, 1, Event.NONE, 50)), is(Set.of(2, 3)));
        join(two, 9, Event.STARTED, 0);
        assertThat("a newcomer on the other server", peers(join(one, 1, Event.NONE, 50)), is(Set.of(2, 3, 9)));
        join(two, 2, Event.STOPPED, 0);
        assertThat("a peer stopped on the other server", peers(join(one, 1, Event.NONE, 50)), is(Set.of(3, 9)));
        one.announce(new Announce(A, id(3), new byte[] {10, 0, 0, 33}, 7000, false, Event.NONE, 0,
                false), T0);
        AnnounceResult moved = join(one, 1, Event.NONE, 50);
        assertThat("a peer that moved is given at its new address",
                contains(moved.peers4(), new byte[] {10, 0, 0, 33, 0x1b, 0x58}), is(true));
    }

    @Test
    void aSwarmLargerThanTheSampleIsSampledForEveryAnnounce() {
        twoServers();
        for (int p = 1; p <= 30; p++) {
            join(one, p, Event.STARTED, 0);
        }
        long before = hrandfieldCalls();
        for (int round = 0; round < 5; round++) {
            assertThat("numwant 5 of 29", peers(join(one, 1, Event.NONE, 5)).size(), is(5));
        }
        assertThat("an incomplete sample is never kept", hrandfieldCalls(), is(before + 5));
    }

    private static AnnounceResult join(RedisSwarmStore store, int peer, Event event, int numwant) {
        return store.announce(new Announce(A, id(peer), new byte[] {10, 0, 0, (byte) peer}, 6881,
                false, event, numwant, false), T0);
    }

    private static byte[] id(int peer) {
        return String.format("-WS0001-%012d", peer).getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean contains(byte[] compact, byte[] entry) {
        for (int i = 0; i + entry.length <= compact.length; i += entry.length) {
            if (Arrays.equals(compact, i, i + entry.length, entry, 0, entry.length)) {
                return true;
            }
        }
        return false;
    }

    /** The peers of an answer by the last byte of their address. */
    private static Set<Integer> peers(AnnounceResult r) {
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < r.peers4().length; i += 6) {
            got.add(r.peers4()[i + 3] & 0xff);
        }
        return got;
    }

    private static long hrandfieldCalls() {
        String stats = link.call(r -> r.info("commandstats"));
        for (String line : List.of(stats.split("\r?\n"))) {
            if (line.startsWith("cmdstat_hrandfield:calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }
}
