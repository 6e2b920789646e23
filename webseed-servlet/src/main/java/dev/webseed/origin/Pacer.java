package dev.webseed.origin;

import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The egress budget: a token bucket of {@code rate} bytes a second shared by every web seed
 * response, handed out in grants of at most {@link #GRANT_BYTES} to two queues. Grants for blocks
 * never sent go first; repeats get the bucket only when no first copy waits, and then at full speed
 * (work-conserving: the budget is never left idle while anyone waits). Within a queue grants go in
 * arrival order, and since one response asks for one grant at a time, connections of a class take
 * turns.
 *
 * <p>Nothing is refused. A repeat that has waited {@link #STARVATION_NANOS} goes ahead of the first
 * copies once, so every connection gets bytes well inside libtorrent's 20 s web seed timeout
 * ({@code urlseed_timeout}), after which it would drop the connection and retry the seed only later.
 * The bucket runs into debt rather than splitting a grant: a grant is made whenever the balance is
 * positive, and the next waits until the debt is paid.</p>
 *
 * <p>The decision part ({@link #enqueue}, {@link #dispatch}, {@link #nanosUntilNext}) is plain and
 * synchronous for tests; {@link #acquire} adds the waiting, through a {@link Parker}.</p>
 */
final class Pacer {
    /** The largest grant: 5 ms of a 12 MB/s budget, four 16 KiB blocks. */
    static final long GRANT_BYTES = 64 << 10;
    /** How long a repeat may wait behind first copies before it goes ahead once. */
    static final long STARVATION_NANOS = 4_000_000_000L;
    private static final long NANOS = 1_000_000_000L;

    private final long rate;
    private final double burst;
    private final LongSupplier nanos;
    private final Parker parker;
    private final ArrayDeque<Ticket> first = new ArrayDeque<>();
    private final ArrayDeque<Ticket> repeat = new ArrayDeque<>();
    private double tokens;
    private long refilledAt;

    /** One wish to send {@code bytes}, of blocks never sent ({@code firstCopy}) or sent before. */
    static final class Ticket {
        final long bytes;
        final boolean firstCopy;
        final long since;
        boolean granted;

        Ticket(long bytes, boolean firstCopy, long since) {
            this.bytes = bytes;
            this.firstCopy = firstCopy;
            this.since = since;
        }
    }

    /**
     * @param rate  bytes per second, positive
     * @param nanos the time in nanoseconds (from the injected clock)
     */
    Pacer(long rate, LongSupplier nanos, Parker parker) {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.rate = rate;
        this.burst = Math.max(GRANT_BYTES, rate / 20.0); // 50 ms of budget saved while idle, at most
        this.nanos = nanos;
        this.parker = parker;
        this.refilledAt = nanos.getAsLong();
        this.tokens = burst;
    }

    /**
     * Waits until {@code bytes} may be sent and returns the nanoseconds waited.
     *
     * @throws InterruptedIOException when the thread is interrupted (the container is stopping)
     */
    long acquire(long bytes, boolean firstCopy) throws InterruptedIOException {
        synchronized (this) {
            long start = nanos.getAsLong();
            Ticket ticket = enqueue(bytes, firstCopy, start);
            while (true) {
                long now = nanos.getAsLong();
                List<Ticket> granted = dispatch(now);
                if (granted.size() > (granted.contains(ticket) ? 1 : 0)) {
                    notifyAll(); // others' grants: wake them now rather than at their own deadline
                }
                if (ticket.granted) {
                    return Math.max(0, now - start);
                }
                try {
                    parker.park(this, nanosUntilNext(now));
                } catch (InterruptedException e) {
                    (ticket.firstCopy ? first : repeat).remove(ticket);
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while paced");
                }
            }
        }
    }

    synchronized Ticket enqueue(long bytes, boolean firstCopy, long now) {
        Ticket ticket = new Ticket(bytes, firstCopy, now);
        (firstCopy ? first : repeat).add(ticket);
        return ticket;
    }

    /** Grants what the bucket allows at {@code now}, in priority order; returns those granted. */
    synchronized List<Ticket> dispatch(long now) {
        if (now > refilledAt) {
            tokens = Math.min(burst, tokens + (double) (now - refilledAt) * rate / NANOS);
            refilledAt = now;
        }
        List<Ticket> granted = new ArrayList<>(2);
        while (tokens > 0) {
            Ticket next = next(now);
            if (next == null) {
                break;
            }
            tokens -= next.bytes;
            next.granted = true;
            granted.add(next);
        }
        return granted;
    }

    private Ticket next(long now) {
        Ticket oldRepeat = repeat.peek();
        if (oldRepeat != null && now - oldRepeat.since >= STARVATION_NANOS) {
            return repeat.poll();
        }
        return first.isEmpty() ? repeat.poll() : first.poll();
    }

    /** How long until the bucket is positive again (at least one nanosecond). */
    synchronized long nanosUntilNext(long now) {
        if (tokens > 0) {
            return 1;
        }
        return Math.max(1, (long) Math.ceil(-tokens * NANOS / rate) - Math.max(0, now - refilledAt));
    }

    /** Tickets waiting, first copies and repeats. */
    synchronized int waiting() {
        return first.size() + repeat.size();
    }
}
