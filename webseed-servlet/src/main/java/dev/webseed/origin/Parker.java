package dev.webseed.origin;

import java.util.concurrent.TimeUnit;

/**
 * How a paced response waits: called while holding {@code monitor}'s lock, returns after at most
 * {@code nanos} or when another thread calls {@code monitor.notifyAll()}. Production waits on the
 * monitor; tests advance a fake clock instead, so nothing sleeps.
 */
@FunctionalInterface
public interface Parker {
    /** Waits on the monitor ({@link Object#wait(long, int)}). */
    Parker WAIT = (monitor, nanos) -> TimeUnit.NANOSECONDS.timedWait(monitor, nanos);

    void park(Object monitor, long nanos) throws InterruptedException;
}
