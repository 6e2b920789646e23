package dev.webseed.origin;

import java.util.concurrent.locks.Condition;

/**
 * How a paced response waits for its grant: called while holding the lock {@code grant} belongs
 * to, returns after at most {@code nanos} or when the grant is signalled. Production awaits the
 * condition; tests advance a fake clock instead, so nothing sleeps.
 */
@FunctionalInterface
public interface Parker {
    /** Awaits the condition ({@link Condition#awaitNanos(long)}). */
    Parker WAIT = (grant, nanos) -> grant.awaitNanos(nanos);

    void park(Condition grant, long nanos) throws InterruptedException;
}
