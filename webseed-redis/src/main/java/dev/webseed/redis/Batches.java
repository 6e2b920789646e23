package dev.webseed.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.ScriptOutputType;

/**
 * Joins the script calls of concurrent requests into one call of a batch script ({@code
 * swarm.lua}): while {@link #MAX_IN_FLIGHT} calls are on their way, the requests that arrive wait in
 * a queue, and the reply of a call sends the queue, up to {@link #MAX_ENTRIES} at a time, as the
 * next one. A lone request goes out at once, as before; under load a whole queue shares one
 * {@code EVALSHA}, one write and one read on each side, instead of paying them each.
 *
 * <p>A batch script takes {@code KEYS} = the common keys, then {@code keysPerEntry} per entry, and
 * {@code ARGV} = the common arguments, then {@code argsPerEntry} per entry; it answers one array per
 * entry, in order. Entries run one after the other inside Redis, exactly as separate calls would:
 * batching changes what a request costs, never what it answers. Redis Cluster is not supported
 * (one batch names the keys of many swarms).</p>
 */
final class Batches {
    /** Most entries in one call: bounds how long one call holds Redis's single thread. */
    static final int MAX_ENTRIES = 64;
    /** Calls on their way at once: two keep Redis busy while a reply travels back. */
    static final int MAX_IN_FLIGHT = 2;

    private final RedisLink redis;
    private final String script;
    private final byte[][] commonKeys;
    private final byte[][] commonArgs;
    private final int keysPerEntry;
    private final int argsPerEntry;
    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    private record Entry(byte[][] keys, byte[][] args, CompletableFuture<List<Object>> reply) {
    }

    Batches(RedisLink redis, String script, byte[][] commonKeys, byte[][] commonArgs, int keysPerEntry,
            int argsPerEntry) {
        this.redis = redis;
        this.script = script;
        this.commonKeys = commonKeys.clone();
        this.commonArgs = commonArgs.clone();
        this.keysPerEntry = keysPerEntry;
        this.argsPerEntry = argsPerEntry;
    }

    /**
     * Queues one entry for the next call; its reply (or {@link RedisLink.Unavailable}) completes the
     * stage, on the thread that reads the call's reply. The stage always ends: every command fails
     * after {@code redisTimeout} (RedisLink), and with it every entry of its call.
     */
    CompletableFuture<List<Object>> submit(byte[][] keys, byte[][] args) {
        if (keys.length != keysPerEntry || args.length != argsPerEntry) {
            throw new IllegalArgumentException("an entry has " + keysPerEntry + " keys and " + argsPerEntry + " arguments");
        }
        Entry entry = new Entry(keys, args, new CompletableFuture<>());
        queue.add(entry);
        dispatch();
        return entry.reply;
    }

    /**
     * Sends what waits while fewer than {@link #MAX_IN_FLIGHT} calls are out. A request that finds
     * them all out leaves its entry to the reply of one of them, which calls this again after
     * lowering {@code inFlight}: an entry is never left behind.
     */
    private void dispatch() {
        while (!queue.isEmpty()) {
            int out = inFlight.get();
            if (out >= MAX_IN_FLIGHT) {
                return;
            }
            if (!inFlight.compareAndSet(out, out + 1)) {
                continue;
            }
            List<Entry> batch = new ArrayList<>();
            for (Entry e; batch.size() < MAX_ENTRIES && (e = queue.poll()) != null;) {
                batch.add(e);
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
            } else {
                send(batch);
            }
        }
    }

    private void send(List<Entry> batch) {
        byte[][] keys = new byte[commonKeys.length + keysPerEntry * batch.size()][];
        byte[][] args = new byte[commonArgs.length + argsPerEntry * batch.size()][];
        System.arraycopy(commonKeys, 0, keys, 0, commonKeys.length);
        System.arraycopy(commonArgs, 0, args, 0, commonArgs.length);
        for (int i = 0; i < batch.size(); i++) {
            Entry e = batch.get(i);
            System.arraycopy(e.keys, 0, keys, commonKeys.length + i * keysPerEntry, keysPerEntry);
            System.arraycopy(e.args, 0, args, commonArgs.length + i * argsPerEntry, argsPerEntry);
        }
        redis.<List<Object>>send(script, ScriptOutputType.MULTI, keys, args).whenComplete((replies, failure) -> {
            inFlight.decrementAndGet();
            dispatch(); // the next batch leaves before this one's requests are woken
            for (int i = 0; i < batch.size(); i++) {
                CompletableFuture<List<Object>> reply = batch.get(i).reply;
                if (failure != null) {
                    reply.completeExceptionally(failure);
                } else {
                    reply.complete(entryReply(replies, i));
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Object> entryReply(List<Object> replies, int i) {
        return (List<Object>) replies.get(i);
    }
}
