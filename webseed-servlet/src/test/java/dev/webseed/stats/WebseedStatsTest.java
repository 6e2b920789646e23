package dev.webseed.stats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

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

    @Test
    void idle_isSignalledByTheLastRequestToFinish() {
        WebseedStats stats = new WebseedStats();
        assertThat("nothing in flight: idle at once", stats.idle().isDone(), is(true));

        stats.requestStarted();
        stats.requestStarted();
        CompletableFuture<Void> idle = stats.idle();
        assertThat("two in flight", idle.isDone(), is(false));
        stats.requestFinished();
        assertThat("one still in flight", idle.isDone(), is(false));
        stats.requestStarted();
        stats.requestFinished();
        assertThat("a request that started meanwhile is waited for too", idle.isDone(), is(false));
        stats.requestFinished();
        assertThat("the last one finished", idle.isDone(), is(true));

        stats.requestStarted();
        CompletableFuture<Void> next = stats.idle();
        assertThat("a new wait after an earlier one completed", next.isDone(), is(false));
        next.complete(null);
        assertThat("a caller cannot complete another caller's wait", stats.idle().isDone(), is(false));
        stats.requestFinished();
        assertThat(stats.idle().isDone(), is(true));
        assertThat(stats.inFlight(), is(0L));
    }
}
