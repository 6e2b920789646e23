package dev.webseed.shared;

import dev.webseed.paygate.SharedPaygate;
import dev.webseed.tracker.SwarmStore;

/**
 * State several origin servers behind one load balancer share ({@code redisUrl}): the swarms, the
 * published torrents, the byte budgets, the revocations and the grace memory. Opened once per {@link dev.webseed.Webseed} by a {@link
 * SharedStateProvider} found on the class path, closed with it.
 */
public interface SharedState extends AutoCloseable {
    /** The tracker's swarms, shared. */
    SwarmStore swarms();

    /** The torrents any server published, for the tracker of every server. */
    PublishedTorrents published();

    /** The paygate's byte budgets, revocations and grace memory, shared. */
    SharedPaygate paygate();

    @Override
    void close();
}
