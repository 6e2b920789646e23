package dev.webseed.tracker;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

    /** A store that answers later: the first announce waits for {@code answer}, as a shared store does. */
    private static final class LaterStore implements SwarmStore {
        final CompletableFuture<Void> answer = new CompletableFuture<>();
        final MemorySwarmStore inner;
        volatile RuntimeException failure;

        LaterStore(long now) {
            inner = new MemorySwarmStore(10, 10, Duration.ofMinutes(30), true, () -> 0L, now);
        }

        @Override
        public CompletableFuture<AnnounceResult> announceLater(Announce a, long nowMillis) {
            return answer.thenApply(ready -> {
                if (failure != null) {
                    throw failure;
                }
                return inner.announce(a, nowMillis);
            });
        }

        @Override
        public AnnounceResult announce(Announce a, long nowMillis) {
            return announceLater(a, nowMillis).join();
        }

        @Override
        public SwarmCounts counts(InfoHash infoHash, long nowMillis) {
            return inner.counts(infoHash, nowMillis);
        }

        @Override
        public void forEach(java.util.function.BiConsumer<InfoHash, SwarmCounts> action) {
            inner.forEach(action);
        }

        @Override
        public void expire(long nowMillis) {
            inner.expire(nowMillis);
        }

        @Override
        public SwarmTotals totals() {
            return inner.totals();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void aStoreThatAnswersLaterGetsTheBodyWhenItAnswers() {
        LaterStore store = new LaterStore(clock.millis());
        try (Tracker tracker = Tracker.builder(TrackerTest.config().build(), SwarmGate.publishing(h -> true))
                .clock(clock).store(store).build()) {
            CompletableFuture<byte[]> body = tracker.announceLater(TrackerTest.announceQuery(TrackerTest.HASH_B, 1, ""),
                    "192.0.2.1", n -> null);
            assertThat("nothing before the store answers", body.isDone(), is(false));
            store.answer.complete(null);
            assertThat(new String(body.join(), StandardCharsets.ISO_8859_1), containsString("10:incompletei1e"));
        }
    }

    @Test
    void aStoreRefusingLaterGivesAFailureReasonAndAnyOtherFailureStaysAFailure() {
        LaterStore refusing = new LaterStore(clock.millis());
        refusing.failure = new TrackerFailure(TrackerFailure.STATE_UNAVAILABLE);
        LaterStore broken = new LaterStore(clock.millis());
        broken.failure = new IllegalStateException("a fault of ours");
        try (Tracker a = Tracker.builder(TrackerTest.config().build(), SwarmGate.publishing(h -> true)).clock(clock)
                .store(refusing).build();
                Tracker b = Tracker.builder(TrackerTest.config().build(), SwarmGate.publishing(h -> true)).clock(clock)
                        .store(broken).build()) {
            CompletableFuture<byte[]> refused = a.announceLater(TrackerTest.announceQuery(TrackerTest.HASH_B, 1, ""),
                    "192.0.2.1", n -> null);
            CompletableFuture<byte[]> failed = b.announceLater(TrackerTest.announceQuery(TrackerTest.HASH_B, 1, ""),
                    "192.0.2.1", n -> null);
            refusing.answer.complete(null);
            broken.answer.complete(null);
            assertThat(new String(refused.join(), StandardCharsets.ISO_8859_1),
                    containsString("14:failure reason" + TrackerFailure.STATE_UNAVAILABLE.length() + ":"
                            + TrackerFailure.STATE_UNAVAILABLE));
            CompletionException e = assertThrows(CompletionException.class, failed::join);
            assertThat("the servlet answers it as an internal error", e.getCause().getMessage(), is("a fault of ours"));
        }
    }
}
