package dev.webseed.testing;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An executor that holds tasks until the test releases them on its own thread: no sleeps, no races. */
public final class HeldExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    public synchronized int pending() {
        return tasks.size();
    }

    /** Runs every held task, including tasks queued meanwhile; returns how many ran. */
    public int runAll() {
        int ran = 0;
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
            ran++;
        }
        return ran;
    }

    private synchronized Runnable poll() {
        return tasks.poll();
    }
}
