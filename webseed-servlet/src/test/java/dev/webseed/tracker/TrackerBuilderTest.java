package dev.webseed.tracker;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.testing.SteppingClock;

/** {@link Tracker.Builder}: required parts named when missing, and a store of one's own paired with a gate. */
final class TrackerBuilderTest {
    final SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
    final InfoHash hashB = InfoHash.fromHex("bb".repeat(20));

    @Test
    void nullPartsAreRefusedByName() {
        WebseedConfig config = TrackerTest.config().build();
        assertThat(assertThrows(NullPointerException.class, () -> Tracker.builder(null, SwarmGate.publishing(h -> true)))
                .getMessage(), is("config"));
        assertThat(assertThrows(NullPointerException.class, () -> Tracker.builder(config, null)).getMessage(),
                is("gate"));
        Tracker.Builder builder = Tracker.builder(config, SwarmGate.publishing(h -> true));
        assertThat(assertThrows(NullPointerException.class, () -> builder.clock(null)).getMessage(), is("clock"));
        assertThat(assertThrows(NullPointerException.class, () -> builder.store(null)).getMessage(), is("store"));
        assertThat(assertThrows(NullPointerException.class, () -> builder.random(null)).getMessage(), is("random"));
    }

    @Test
    void aBadTrustedProxiesSettingFailsTheBuildNamingIt() {
        WebseedConfig config = TrackerTest.config().set(Settings.TRUSTED_PROXIES, java.util.List.of("not-an-address"))
                .build();
        ConfigException e = assertThrows(ConfigException.class,
                () -> Tracker.builder(config, SwarmGate.publishing(h -> true)).build());
        assertThat(e.getMessage(), e.parameter(), is("trustedProxies"));
    }

    @Test
    void aStoreOfOnesOwnIsPairedWithTheGate() {
        MemorySwarmStore store = new MemorySwarmStore(10, 10, Duration.ofMinutes(30), true, () -> 0L, clock.millis());
        try (Tracker tracker = Tracker.builder(TrackerTest.config().build(), SwarmGate.publishing(hashB::equals))
                .clock(clock).store(store).build()) {
            tracker.announce(TrackerTest.announceQuery(TrackerTest.HASH_B, 1, ""), "192.0.2.1", n -> null);
            tracker.announce(TrackerTest.announceQuery(TrackerTest.HASH_A, 2, ""), "192.0.2.2", n -> null);
            assertThat("the gate's swarm is in the given store", store.counts(hashB, clock.millis()).incomplete(),
                    is(1));
            assertThat("the gate kept the unregistered one out", store.totals(), is(new SwarmTotals(1, 1)));
            assertThat("the tracker reads the same store", tracker.totals(), is(new SwarmTotals(1, 1)));
        }
    }
}
