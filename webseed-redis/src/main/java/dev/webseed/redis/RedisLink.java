package dev.webseed.redis;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * One connection to Redis shared by every request thread (Lettuce pipelines commands of many
 * threads over one socket), with the Lua scripts run by SHA ({@code EVALSHA}; loaded again when a
 * restarted Redis forgot them).
 *
 * <p>Failure: no command waits longer than {@code redisTimeout}; while the connection is down,
 * commands are rejected at once (no queue building up) and Lettuce reconnects in the background,
 * so service resumes without a restart when Redis returns. Every failure surfaces as {@link
 * Unavailable}. Scripts go through the asynchronous API (no reflective synchronous proxy: this is the
 * hot path of every announce). The first connection is made lazily, so a server starts while Redis
 * is away.</p>
 */
final class RedisLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisLink.class.getName());
    /** Between reconnection attempts while Redis is away. */
    static final Duration RECONNECT_DELAY = Duration.ofMillis(500);
    /** At least this for setting up a connection (TCP, and TLS for rediss://), whatever redisTimeout says. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final ClientResources resources;
    private final RedisClient client;
    private final ConcurrentHashMap<String, Script> scripts = new ConcurrentHashMap<>();
    private final Object connecting = new Object();
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile long retryAtNanos;
    private final long timeoutNanos;

    /** Redis did not answer (down, slow past the timeout, or refused the command). */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    RedisLink(String url, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout); // the synchronous commands' wait
        this.timeoutNanos = timeout.toNanos();
        // reconnect soon after Redis returns (Lettuce's default backs off to 30 s)
        this.resources = DefaultClientResources.builder().reconnectDelay(Delay.constant(RECONNECT_DELAY)).build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(max(timeout, CONNECT_TIMEOUT)).build())
                // every command fails after redisTimeout, so a batch in flight always ends (Batches)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    /** The commands of the shared connection, connecting first if needed. */
    RedisCommands<byte[], byte[]> commands() {
        return connection().sync();
    }

    private StatefulRedisConnection<byte[], byte[]> connection() {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        if (c != null) {
            return c;
        }
        synchronized (connecting) {
            if (connection == null) {
                if (System.nanoTime() - retryAtNanos < 0) {
                    throw new Unavailable("Redis unreachable (next connection attempt shortly)", null);
                }
                try {
                    connection = client.connect(ByteArrayCodec.INSTANCE);
                } catch (RedisException e) {
                    retryAtNanos = System.nanoTime() + 1_000_000_000L; // at most one attempt a second
                    throw new Unavailable("Redis unreachable: " + e.getMessage(), e);
                } finally {
                    // connecting leaves Netty's per-thread map on the calling thread (a container's
                    // start-up or request thread, which outlives the application): Tomcat reports it
                    // as a SEVERE leak when the application stops. It is a cache; dropping it costs nothing
                    // (Netty's own threads keep theirs).
                    if (!(Thread.currentThread() instanceof FastThreadLocalThread)) {
                        FastThreadLocal.removeAll();
                    }
                }
            }
            return connection;
        }
    }

    /** Runs a script of this package by name ({@code swarm} for {@code swarm.lua}) and waits for its reply. */
    <T> T eval(String script, ScriptOutputType type, byte[][] keys, byte[]... args) {
        return await(send(script, type, keys, args));
    }

    /**
     * Sends a script of this package by name without waiting: by {@code EVALSHA} of its SHA-1
     * computed here, and by {@code EVAL} (which caches it again) when a restarted Redis forgot it.
     * Nothing blocks, so a reply's callback may send the next script. Every failure completes the
     * stage with {@link Unavailable}.
     */
    <T> CompletableFuture<T> send(String script, ScriptOutputType type, byte[][] keys, byte[]... args) {
        CompletableFuture<T> done = new CompletableFuture<>();
        RedisAsyncCommands<byte[], byte[]> redis;
        try {
            redis = async();
        } catch (Unavailable e) {
            done.completeExceptionally(e);
            return done;
        }
        Script s = scripts.computeIfAbsent(script, Script::read);
        try {
            redis.<T>evalsha(s.sha(), type, keys, args).whenComplete((value, failure) -> {
                if (failure != null && unwrap(failure) instanceof RedisNoScriptException) {
                    redis.<T>eval(s.source(), type, keys, args).whenComplete((again, f) -> finish(done, script, again, f));
                } else {
                    finish(done, script, value, failure);
                }
            });
        } catch (RedisException | IllegalStateException e) {
            finish(done, script, null, e);
        }
        return done;
    }

    /**
     * Sends one command without waiting (for a caller that must not wait on Redis). Every failure
     * completes the stage with {@link Unavailable}, and every command ends within {@code
     * redisTimeout} (the client's timeout options).
     */
    <T> CompletableFuture<T> sendCommand(String what, Function<RedisAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            command.apply(async()).whenComplete((value, failure) -> finish(done, what, value, failure));
        } catch (Unavailable e) {
            done.completeExceptionally(e);
        } catch (RedisException | IllegalStateException e) {
            finish(done, what, null, e);
        }
        return done;
    }

    private RedisAsyncCommands<byte[], byte[]> async() {
        try {
            return connection().async();
        } catch (RedisException | IllegalStateException e) {
            throw new Unavailable("Redis unavailable: " + e.getMessage(), e);
        }
    }

    /** Waits at most {@code redisTimeout} for a reply of {@link #send}. */
    <T> T await(CompletableFuture<T> reply) {
        try {
            return reply.get(timeoutNanos, NANOSECONDS);
        } catch (TimeoutException e) {
            throw new Unavailable("Redis slower than redisTimeout", e);
        } catch (ExecutionException e) {
            throw unwrap(e) instanceof Unavailable u ? u : new Unavailable("Redis unavailable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for Redis", e);
        }
    }

    /** Completes {@code done} with the reply of {@code what} (a script's name or a command's purpose). */
    private static <T> void finish(CompletableFuture<T> done, String what, T value, Throwable failure) {
        if (failure == null) {
            done.complete(value);
            return;
        }
        Throwable cause = unwrap(failure);
        if (cause instanceof RedisCommandExecutionException) {
            // Redis answered with an error: a fault of ours (or a Redis too old), not an outage
            LOG.log(Level.WARNING, "redis " + what + " failed: " + cause.getMessage());
            done.completeExceptionally(new Unavailable("Redis refused " + what + ": " + cause.getMessage(), cause));
        } else {
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "redis " + what + ": " + cause);
            }
            done.completeExceptionally(new Unavailable("Redis unavailable: " + cause.getMessage(), cause));
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A script's source and the SHA-1 that {@code EVALSHA} names it by. */
    private record Script(byte[] source, String sha) {
        static Script read(String name) {
            byte[] source = RedisLink.source(name);
            try {
                return new Script(source, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
            }
        }
    }

    /** Runs a plain command, mapping failures to {@link Unavailable}. */
    <T> T call(Function<RedisCommands<byte[], byte[]>, T> command) {
        try {
            return command.apply(commands());
        } catch (Unavailable e) {
            throw e;
        } catch (RedisException | IllegalStateException e) {
            throw new Unavailable("Redis unavailable: " + e.getMessage(), e);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] source(String script) {
        try (InputStream in = RedisLink.class.getResourceAsStream(script + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script " + script + ".lua");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read script " + script + ".lua", e);
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }
}
