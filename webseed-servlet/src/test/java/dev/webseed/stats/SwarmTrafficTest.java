package dev.webseed.stats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.tracker.Announce;
import dev.webseed.tracker.Event;
import dev.webseed.testing.SteppingClock;

/** Bytes the swarm reports: the sum of each peer's {@code downloaded} increases. */
final class SwarmTrafficTest {
    private static final InfoHash HASH = InfoHash.of(filled(20, 7));
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SwarmTraffic traffic = new SwarmTraffic(clock, Duration.ofSeconds(60), 10, 2, Duration.ofMinutes(45));

    private void announce(int peer, long downloaded, Event event) {
        traffic.announced(new Announce(HASH, filled(20, peer), new byte[] {127, 0, 0, 1}, 6881, false, event, 50,
                false), downloaded);
    }

    @Test
    void increasesAddUpAndRepeatsAddNothing() {
        announce(1, 0, Event.STARTED);
        announce(1, 400, Event.NONE);
        announce(1, 400, Event.NONE); // the same client over IPv6 (BEP 7), or a re-announce
        announce(1, 1000, Event.COMPLETED);
        assertThat(traffic.of(HASH).reportedBytes(), is(1000L));
        assertThat(traffic.of(HASH).announces(), is(4L));
        assertThat(traffic.total().reportedBytes(), is(1000L));
    }

    @Test
    void aNewSessionAndAStoppedPeerCountFromZero() {
        announce(1, 500, Event.NONE);
        announce(1, 200, Event.STARTED); // went down: a new session of 200
        announce(1, 300, Event.STOPPED); // 100 more, and forgotten
        announce(1, 50, Event.STARTED); // forgotten, so its whole value
        assertThat(traffic.of(HASH).reportedBytes(), is(850L));
    }

    @Test
    void rememberedPeersAreBoundedByMaxPeers() {
        for (int peer = 1; peer <= 100; peer++) {
            announce(peer, 100, Event.NONE);
        }
        assertThat(traffic.rememberedPeers() <= 2, is(true));
        assertThat("every first announce counted its whole value", traffic.of(HASH).reportedBytes(), is(10_000L));
    }

    @Test
    void aPeerSilentForThePeerTimeoutIsForgotten() {
        announce(1, 100, Event.NONE);
        clock.advance(Duration.ofMinutes(46));
        announce(1, 150, Event.NONE); // forgotten, as the tracker forgot it: its whole value again
        assertThat(traffic.of(HASH).reportedBytes(), is(250L));
    }

    @Test
    void scrapesAreCountedPerSwarm() {
        traffic.scraped(HASH);
        traffic.scraped(HASH);
        assertThat(traffic.of(HASH).scrapes(), is(2L));
        assertThat(traffic.total().scrapes(), is(2L));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
