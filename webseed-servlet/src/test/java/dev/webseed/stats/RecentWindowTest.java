package dev.webseed.stats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.webseed.testing.SteppingClock;

/** The ring of twelve buckets over a 60 s window, on a stepping clock. */
final class RecentWindowTest {
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecentWindow window = new RecentWindow(clock, Duration.ofSeconds(60));

    @Test
    void countsWithinTheWindowAndForgetsWhatLeftIt() {
        window.add(100);
        clock.advance(Duration.ofSeconds(30));
        window.add(20);
        assertThat(window.sum(), is(120L));
        clock.advance(Duration.ofSeconds(31)); // the first bucket (0-5 s) is now 61 s old
        assertThat(window.sum(), is(20L));
        clock.advance(Duration.ofSeconds(60));
        assertThat(window.sum(), is(0L));
    }

    @Test
    void aBucketReusedByTheRingStartsFromZero() {
        window.add(7);
        clock.advance(Duration.ofSeconds(60)); // same slot, one turn later
        window.add(5);
        assertThat(window.sum(), is(5L));
    }
}
