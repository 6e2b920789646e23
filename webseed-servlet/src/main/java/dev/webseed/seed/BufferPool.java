package dev.webseed.seed;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A small pool of fixed-size copy buffers, so streaming allocates no large buffer per request
 * (W14). Deliberately not a ThreadLocal: container worker threads outlive a web
 * application, and Tomcat reports ThreadLocals left behind on undeploy as leaks.
 */
final class BufferPool {
    private final int bufferSize;
    private final ArrayBlockingQueue<byte[]> free;

    BufferPool(int bufferSize, int retained) {
        this.bufferSize = bufferSize;
        this.free = new ArrayBlockingQueue<>(retained);
    }

    /** A buffer from the pool, or a new one when the pool is empty. */
    byte[] acquire() {
        byte[] buffer = free.poll();
        return buffer != null ? buffer : new byte[bufferSize];
    }

    /** Returns a buffer; kept when the pool has room, else left to the garbage collector. */
    void release(byte[] buffer) {
        if (buffer.length == bufferSize) {
            free.offer(buffer);
        }
    }

    int bufferSize() {
        return bufferSize;
    }
}
