package dev.webseed.stats;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Content bytes the webseed wrote, per top-level entry of the content root, lifetime and over a
 * recent window.
 *
 * <p><b>Attribution.</b> A webseed request does not say which torrent it is for: the single-file
 * torrent of {@code Season1/ep1.mkv} and the folder torrent of {@code Season1} ask for the same
 * URL (BEP 19). Bytes are therefore counted to the top-level entry the path lies in (the file
 * itself at the top, else its top-level folder), which is the unit {@code prehash} publishes and
 * the landing page lists, and costs no lookup on the hot path. A nested publication requested on
 * its own has its own swarm numbers, but its origin bytes are in its top-level entry's count.</p>
 *
 * <p>At most {@code maxEntries} names are kept; bytes for further names count in the totals only
 * ({@link #overflowBytes()}), so the memory stays bounded whatever paths are asked for.</p>
 */
public final class OriginTraffic {
    private final Clock clock;
    private final Duration window;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Counter> entries = new ConcurrentHashMap<>();
    private final LongAdder overflow = new LongAdder();

    public OriginTraffic(Clock clock, Duration window, int maxEntries) {
        this.clock = clock;
        this.window = window;
        this.maxEntries = maxEntries;
    }

    /** Counts bytes written for a content path ({@code /}-separated, relative to the root). */
    public void record(String relativePath, long bytes) {
        int slash = relativePath.indexOf('/');
        String top = slash < 0 ? relativePath : relativePath.substring(0, slash);
        Counter counter = entries.get(top);
        if (counter == null) {
            if (entries.size() >= maxEntries) {
                overflow.add(bytes);
                return;
            }
            counter = entries.computeIfAbsent(top, k -> new Counter(new RecentWindow(clock, window)));
        }
        counter.lifetime.add(bytes);
        counter.recent.add(bytes);
    }

    /** Bytes counted to a top-level entry: lifetime and within the window; zeros when none. */
    public Bytes of(String topLevel) {
        Counter counter = entries.get(topLevel);
        return counter == null ? Bytes.ZERO : new Bytes(counter.lifetime.sum(), counter.recent.sum());
    }

    /** Bytes of names beyond {@code maxEntries}, counted in the totals only. */
    public long overflowBytes() {
        return overflow.sum();
    }

    /** The window the recent counts cover. */
    public Duration window() {
        return window;
    }

    /**
     * A lifetime and a recent byte count.
     *
     * @param lifetime since start
     * @param recent   within the window
     */
    public record Bytes(long lifetime, long recent) {
        public static final Bytes ZERO = new Bytes(0, 0);
    }

    private record Counter(LongAdder lifetime, RecentWindow recent) {
        Counter(RecentWindow recent) {
            this(new LongAdder(), recent);
        }
    }
}
