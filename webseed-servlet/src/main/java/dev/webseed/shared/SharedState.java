package dev.webseed.shared;

import dev.webseed.paygate.BudgetReserver;
import dev.webseed.paygate.SharedRevocations;
import dev.webseed.tracker.SwarmStore;

/**
 * State several origin servers behind one load balancer share ({@code redisUrl}): the swarms, the
 * byte budgets and the revocations. Opened once per {@link dev.webseed.Webseed} by a {@link
 * SharedStateProvider} found on the class path, closed with it.
 */
public interface SharedState extends AutoCloseable {
    /** The tracker's swarms, shared. */
    SwarmStore swarms();

    /** The paygate's byte budgets, shared. */
    BudgetReserver budgets();

    /** Revocations entered on any server, in force on all. */
    SharedRevocations revocations();

    @Override
    void close();
}
