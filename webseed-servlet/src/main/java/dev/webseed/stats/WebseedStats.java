package dev.webseed.stats;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the webseed endpoint, cheap on the hot path ({@link LongAdder}s, no locks) and read
 * as an immutable {@link StatsSnapshot}. One instance lives in {@link dev.webseed.Webseed}.
 */
public final class WebseedStats {
    private final LongAdder[] requests = new LongAdder[Outcome.values().length];
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder aborted = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    /** Completed by the request that brings {@link #inFlight} to zero; replaced once done. */
    private volatile CompletableFuture<Void> idle;
    private final OriginTraffic origin;
    private final RecentWindow recentBytes;

    /** Counters with a one-minute recent window on the system clock. */
    public WebseedStats() {
        this(Clock.systemUTC(), Duration.ofMinutes(1), 100_000);
    }

    /**
     * Counters whose recent byte counts cover {@code window} of {@code clock}, keeping per-entry
     * counts for at most {@code maxEntries} top-level entries (see {@link OriginTraffic}).
     */
    public WebseedStats(Clock clock, Duration window, int maxEntries) {
        this.origin = new OriginTraffic(clock, window, maxEntries);
        this.recentBytes = new RecentWindow(clock, window);
        for (int i = 0; i < requests.length; i++) {
            requests[i] = new LongAdder();
        }
    }

    /** Counts one answered request. */
    public void recordRequest(Outcome outcome) {
        requests[outcome.ordinal()].increment();
    }

    /** Counts content bytes the container accepted for a client. */
    public void recordBytes(long count) {
        bytesWritten.add(count);
        recentBytes.add(count);
    }

    /** Counts content bytes written for a content path, also to its top-level entry ({@link OriginTraffic}). */
    public void recordBytes(String relativePath, long count) {
        bytesWritten.add(count);
        recentBytes.add(count);
        origin.record(relativePath, count);
    }

    /** Bytes written per top-level entry. */
    public OriginTraffic origin() {
        return origin;
    }

    /** Content bytes written within the recent window, all paths together. */
    public long recentBytes() {
        return recentBytes.sum();
    }

    /** Counts a response cut short by the client. */
    public void recordAbort() {
        aborted.increment();
    }

    /** A request entered the webseed servlet. */
    public void requestStarted() {
        inFlight.incrementAndGet();
    }

    /** A request left the webseed servlet; everything it counted is recorded by then. */
    public void requestFinished() {
        if (inFlight.decrementAndGet() == 0) {
            CompletableFuture<Void> waiting = idle;
            // read after the waiter: a waiter created while a request ran is completed only if the
            // count is still zero now, so a request that started meanwhile is waited for too
            if (waiting != null && inFlight.get() == 0) {
                waiting.complete(null);
            }
        }
    }

    /**
     * Requests being served now. A client may hold a complete response (the container sends it
     * once Content-Length bytes are written) while the servlet is still recording it, so readers
     * that need settled counts wait for zero.
     */
    public long inFlight() {
        return inFlight.get();
    }

    /**
     * Completes once no request is in flight (at once when none is), so a reader that needs
     * settled counts waits for the signal instead of polling {@link #inFlight()}.
     */
    public CompletableFuture<Void> idle() {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            waiting = idle;
            if (waiting == null || waiting.isDone()) {
                waiting = new CompletableFuture<>();
                idle = waiting;
            }
        }
        // read after publishing the waiter: either this sees zero or the last finisher sees the waiter
        if (inFlight.get() == 0) {
            waiting.complete(null);
        }
        return waiting.copy();
    }

    /** The counters now (each read is atomic; the set is not, which is fine for statistics). */
    public StatsSnapshot snapshot() {
        EnumMap<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, requests[outcome.ordinal()].sum());
        }
        return new StatsSnapshot(counts, bytesWritten.sum(), aborted.sum());
    }
}
