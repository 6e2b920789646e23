package dev.webseed.tracker;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import dev.webseed.metainfo.InfoHash;

/**
 * Swarm state of the tracker: who is in which swarm, and the counts scrape reports. The
 * in-memory store is the default; a shared store (e.g. Redis) lets several origin servers behind
 * a load balancer answer for one swarm (BEP 12: trackers of one tier must share state).
 *
 * <p>Time is given by the caller in milliseconds of an injected clock, so expiry is testable
 * without sleeping. Implementations are thread-safe.</p>
 */
public interface SwarmStore extends AutoCloseable {
    /**
     * Records an announce and picks up to {@code numwant} other peers at random.
     * {@code stopped} removes the peer; {@code completed} counts a download once per client.
     *
     * @throws TrackerFailure when a cap on swarms stops a new swarm from being created
     */
    AnnounceResult announce(Announce announce, long nowMillis);

    /**
     * As {@link #announce}, for a store that answers later (a shared store waits for its server):
     * the request thread need not wait. The stage fails with {@link TrackerFailure} where {@link
     * #announce} throws it. The default answers at once, on the calling thread.
     */
    default CompletableFuture<AnnounceResult> announceLater(Announce announce, long nowMillis) {
        try {
            return CompletableFuture.completedFuture(announce(announce, nowMillis));
        } catch (TrackerFailure failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    /** The counts of one swarm ({@link SwarmCounts#EMPTY} when unknown). */
    SwarmCounts counts(InfoHash infoHash, long nowMillis);

    /** Every swarm with its counts (full scrape, statistics). */
    void forEach(BiConsumer<InfoHash, SwarmCounts> action);

    /** Drops peers that have not announced within the peer timeout, and swarms left empty. */
    void expire(long nowMillis);

    /** How many swarms and peers are held now (the operator's view; a walk over every swarm). */
    SwarmTotals totals();

    @Override
    void close();
}
