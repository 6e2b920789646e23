package dev.webseed.stats;

import java.time.Clock;
import java.time.Duration;

/**
 * A count over the last {@code window} of an injected clock: a ring of {@link #BUCKETS} buckets,
 * each {@code window / BUCKETS} long. A bucket is cleared when the ring comes round to it again, so
 * the sum covers between {@code window - window/BUCKETS} and {@code window} of history, and the
 * memory is fixed (two arrays of {@link #BUCKETS} longs) however much is counted.
 */
public final class RecentWindow {
    /** Buckets in the ring: the window's resolution is a twelfth of it (5 s of 60 s). */
    public static final int BUCKETS = 12;

    private final Clock clock;
    private final long bucketMillis;
    private final long[] counts = new long[BUCKETS];
    private final long[] epochs = new long[BUCKETS];

    public RecentWindow(Clock clock, Duration window) {
        this.clock = clock;
        this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
    }

    /** Adds {@code n} at the clock's time now. */
    public void add(long n) {
        long epoch = Math.floorDiv(clock.millis(), bucketMillis);
        int slot = (int) Math.floorMod(epoch, BUCKETS);
        synchronized (this) {
            if (epochs[slot] != epoch) {
                epochs[slot] = epoch;
                counts[slot] = 0;
            }
            counts[slot] += n;
        }
    }

    /** The count of the buckets still inside the window now. */
    public long sum() {
        long now = Math.floorDiv(clock.millis(), bucketMillis);
        long sum = 0;
        synchronized (this) {
            for (int i = 0; i < BUCKETS; i++) {
                if (now - epochs[i] < BUCKETS && epochs[i] <= now) {
                    sum += counts[i];
                }
            }
        }
        return sum;
    }
}
