package dev.webseed.origin;

import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The egress budget: a token bucket of {@code rate} bytes a second shared by every web seed
 * response, handed out in grants of at most {@link #GRANT_BYTES}, one {@link Kind} each, in this
 * order:
 * <ol>
 * <li>{@link Kind#FIRST_COPY}: blocks never sent, the bytes only the origin can give the swarm;</li>
 * <li>{@link Kind#UNLOCKING_REPEAT}: blocks sent before that stand, in the same response, before
 * blocks never sent (an HTTP response is sequential: the repeat must go out before the first copy
 * behind it can), taking whatever the first copies leave;</li>
 * <li>{@link Kind#SOLE_REPEAT}: repeats for the only client pulling the file (see {@link Crowd}):
 * nobody else is there to take them from, so they too take whatever the first copies leave;</li>
 * <li>{@link Kind#REPEAT}: repeats with nothing new behind them: the swarm has these bytes, so they
 * get at most {@code repeatShare} of the rate; the rest is left to the peers. Measured with ten
 * libtorrent peers, a full-speed tail of repeats was a third to a half of the file again, while
 * clients finished as fast from each other.</li>
 * </ol>
 * Within a kind grants go in arrival order; one response asks for one grant at a time, so the
 * connections of a kind take turns.
 *
 * <p>Nothing is refused. A repeat that has waited {@link #STARVATION_NANOS} goes ahead once, so
 * every connection gets bytes well inside libtorrent's 20 s web seed timeout ({@code
 * urlseed_timeout}), after which it would drop the connection. The bucket runs into debt rather
 * than splitting a grant: a grant is made whenever the balance is positive, and the next waits
 * until the debt is paid. An idle bucket saves at most 50 ms of rate (and one grant).</p>
 *
 * <p>The decision part ({@link #enqueue}, {@link #dispatch}, {@link #nanosUntilNext}) is plain and
 * synchronous for tests; {@link #acquire} adds the waiting, through a {@link Parker}.</p>
 */
final class Pacer {
    /** The largest grant: 5 ms of a 12 MB/s budget, four 16 KiB blocks. */
    static final long GRANT_BYTES = 64 << 10;
    /** How long a repeat may wait behind others before it goes ahead once. */
    static final long STARVATION_NANOS = 4_000_000_000L;
    private static final long NANOS = 1_000_000_000L;

    /** What a grant carries, in priority order. */
    enum Kind {
        FIRST_COPY, UNLOCKING_REPEAT, SOLE_REPEAT, REPEAT
    }

    private final long rate;
    private final double repeatRate;
    private final double burst;
    private final double repeatBurst;
    private final LongSupplier nanos;
    private final Parker parker;
    private final Map<Kind, ArrayDeque<Ticket>> queues = new EnumMap<>(Kind.class);
    private final ReentrantLock lock = new ReentrantLock();
    private double tokens;
    private double repeatTokens;
    private long refilledAt;

    /** One wish to send {@code bytes} of one kind; its owner waits on {@link #grant} alone. */
    static final class Ticket {
        final long bytes;
        final Kind kind;
        final long since;
        final Condition grant;
        boolean granted;

        Ticket(long bytes, Kind kind, long since, Condition grant) {
            this.bytes = bytes;
            this.kind = kind;
            this.since = since;
            this.grant = grant;
        }
    }

    /**
     * @param rate        bytes per second, positive
     * @param repeatShare the part of the rate plain repeats may use, in (0, 1]; 1 is work-conserving
     * @param nanos       the time in nanoseconds (from the injected clock)
     */
    Pacer(long rate, double repeatShare, LongSupplier nanos, Parker parker) {
        if (rate <= 0 || !(repeatShare > 0 && repeatShare <= 1)) {
            throw new IllegalArgumentException("rate must be positive and repeatShare in (0, 1]");
        }
        this.rate = rate;
        this.repeatRate = rate * repeatShare;
        this.burst = Math.max(GRANT_BYTES, rate / 20.0);
        this.repeatBurst = Math.max(GRANT_BYTES, repeatRate / 20.0);
        this.nanos = nanos;
        this.parker = parker;
        for (Kind kind : Kind.values()) {
            queues.put(kind, new ArrayDeque<>());
        }
        this.refilledAt = nanos.getAsLong();
        this.tokens = burst;
        this.repeatTokens = repeatBurst;
    }

    /**
     * Waits until {@code bytes} may be sent and returns the nanoseconds waited.
     *
     * @throws InterruptedIOException when the thread is interrupted (the container is stopping)
     */
    long acquire(long bytes, Kind kind) throws InterruptedIOException {
        lock.lock();
        try {
            long start = nanos.getAsLong();
            Ticket ticket = enqueue(bytes, kind, start);
            while (true) {
                long now = nanos.getAsLong();
                for (Ticket other : dispatch(now)) {
                    if (other != ticket) {
                        other.grant.signal(); // wakes that response alone, now rather than at its deadline
                    }
                }
                if (ticket.granted) {
                    return Math.max(0, now - start);
                }
                try {
                    parker.park(ticket.grant, nanosUntilNext(now));
                } catch (InterruptedException e) {
                    queues.get(kind).remove(ticket);
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while paced");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    Ticket enqueue(long bytes, Kind kind, long now) {
        lock.lock();
        try {
            Ticket ticket = new Ticket(bytes, kind, now, lock.newCondition());
            queues.get(kind).add(ticket);
            return ticket;
        } finally {
            lock.unlock();
        }
    }

    /** Grants what the buckets allow at {@code now}, in priority order; returns those granted. */
    List<Ticket> dispatch(long now) {
        lock.lock();
        try {
            return dispatchLocked(now);
        } finally {
            lock.unlock();
        }
    }

    private List<Ticket> dispatchLocked(long now) {
        if (now > refilledAt) {
            double elapsed = (double) (now - refilledAt) / NANOS;
            tokens = Math.min(burst, tokens + elapsed * rate);
            repeatTokens = Math.min(repeatBurst, repeatTokens + elapsed * repeatRate);
            refilledAt = now;
        }
        List<Ticket> granted = new ArrayList<>(2);
        while (tokens > 0) {
            Ticket next = next(now);
            if (next == null) {
                break;
            }
            tokens -= next.bytes;
            if (next.kind == Kind.REPEAT) {
                repeatTokens -= next.bytes;
            }
            next.granted = true;
            granted.add(next);
        }
        return granted;
    }

    private Ticket next(long now) {
        ArrayDeque<Ticket> first = queues.get(Kind.FIRST_COPY);
        ArrayDeque<Ticket> unlocking = queues.get(Kind.UNLOCKING_REPEAT);
        ArrayDeque<Ticket> sole = queues.get(Kind.SOLE_REPEAT);
        ArrayDeque<Ticket> repeat = queues.get(Kind.REPEAT);
        for (ArrayDeque<Ticket> queue : List.of(unlocking, sole, repeat)) {
            Ticket oldest = queue.peek();
            if (oldest != null && now - oldest.since >= STARVATION_NANOS) {
                return queue.poll();
            }
        }
        if (!first.isEmpty()) {
            return first.poll();
        }
        if (!unlocking.isEmpty()) {
            return unlocking.poll();
        }
        if (!sole.isEmpty()) {
            return sole.poll();
        }
        return repeatTokens > 0 ? repeat.poll() : null;
    }

    /** How long until the next grant can be made, if nothing new arrives (at least one nanosecond). */
    long nanosUntilNext(long now) {
        lock.lock();
        try {
            return nanosUntilNextLocked(now);
        } finally {
            lock.unlock();
        }
    }

    private long nanosUntilNextLocked(long now) {
        long global = tokens > 0 ? 0 : (long) Math.ceil(-tokens * NANOS / rate);
        Ticket oldestRepeat = queues.get(Kind.REPEAT).peek();
        if (!queues.get(Kind.FIRST_COPY).isEmpty() || !queues.get(Kind.UNLOCKING_REPEAT).isEmpty()
                || !queues.get(Kind.SOLE_REPEAT).isEmpty() || oldestRepeat == null) {
            return Math.max(1, global);
        }
        long share = repeatTokens > 0 ? 0 : (long) Math.ceil(-repeatTokens * NANOS / repeatRate);
        long starved = Math.max(0, oldestRepeat.since + STARVATION_NANOS - now);
        return Math.max(1, Math.max(global, Math.min(share, starved)));
    }

    /** Tickets waiting, of every kind. */
    int waiting() {
        lock.lock();
        try {
            return queues.values().stream().mapToInt(ArrayDeque::size).sum();
        } finally {
            lock.unlock();
        }
    }
}
