package dev.webseed.stats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The counters and their immutable snapshots. */
final class WebseedStatsTest {
    @Test
    void countsAndSnapshots() {
        WebseedStats stats = new WebseedStats();
        StatsSnapshot empty = stats.snapshot();
        stats.recordRequest(Outcome.PARTIAL);
        stats.recordRequest(Outcome.PARTIAL);
        stats.recordRequest(Outcome.NOT_FOUND);
        stats.recordBytes(65536);
        stats.recordBytes(10);
        stats.recordAbort();
        StatsSnapshot now = stats.snapshot();

        assertThat(empty.totalRequests(), is(0L));
        assertThat(empty.requests(Outcome.FULL), is(0L));
        assertThat(now.requests(Outcome.PARTIAL), is(2L));
        assertThat(now.requests(Outcome.NOT_FOUND), is(1L));
        assertThat(now.totalRequests(), is(3L));
        assertThat(now.bytesWritten(), is(65546L));
        assertThat(now.abortedResponses(), is(1L));
        assertThat(now.minus(empty), is(now));
        assertThat(now.minus(now).totalRequests(), is(0L));
        assertThat("a snapshot does not move", empty.totalRequests(), is(0L));
    }

    @Test
    void snapshotsAreImmutableAndComplete() {
        StatsSnapshot snapshot = new StatsSnapshot(Map.of(Outcome.FULL, 3L), 0, 0);
        assertThat(snapshot.requests().size(), is(Outcome.values().length));
        assertThat(snapshot.requests(Outcome.OPTIONS), is(0L));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> snapshot.requests().put(Outcome.FULL, 4L));
    }
}
