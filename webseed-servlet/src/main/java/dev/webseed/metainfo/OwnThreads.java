package dev.webseed.metainfo;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads of one of our executors, remembered so that a stop waits until each has
 * ended. A servlet container checks for threads left running when a web application stops
 * (Tomcat: "failed to stop thread"), and an executor's {@code awaitTermination} returns while its
 * last worker is still finishing: only joining the threads makes the stop complete.
 */
public final class OwnThreads implements ThreadFactory {
    /** How long {@link #awaitStop} waits for a stopped executor's threads to end. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final String name;
    private final boolean numbered;
    private final int priority;
    private final AtomicInteger ids = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /**
     * @param name     the threads' name, followed by {@code -1}, {@code -2}... when {@code numbered}
     * @param priority the threads' priority
     */
    public OwnThreads(String name, boolean numbered, int priority) {
        this.name = name;
        this.numbered = numbered;
        this.priority = priority;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, numbered ? name + "-" + ids.incrementAndGet() : name);
        t.setDaemon(true);
        t.setPriority(priority);
        threads.add(t);
        return t;
    }

    /**
     * Waits at most {@link #STOP_WAIT} for the threads of {@code executor} (already shut down, and
     * made with this factory) to end, keeping the caller's interrupt: a worker in the middle of a
     * piece ends at its next interrupt check.
     */
    public void awaitStop(ExecutorService executor) {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        boolean interrupted = false;
        try {
            for (Thread t : List.copyOf(threads)) {
                while (t.isAlive() && System.nanoTime() - deadline < 0) {
                    try {
                        executor.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    } catch (InterruptedException e) {
                        interrupted = true; // finish waiting: the threads end within a piece
                    }
                }
                if (t.isAlive()) {
                    System.getLogger(OwnThreads.class.getName()).log(System.Logger.Level.WARNING,
                            "{0} still running {1} after stop", t.getName(), STOP_WAIT);
                    return;
                }
                threads.remove(t);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
