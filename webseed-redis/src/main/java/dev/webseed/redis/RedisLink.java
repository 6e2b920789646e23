package dev.webseed.redis;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

/**
 * One connection to Redis shared by every request thread (Lettuce pipelines commands of many
 * threads over one socket), with the Lua scripts run by SHA ({@code EVALSHA}; loaded again when a
 * restarted Redis forgot them).
 *
 * <p>Failure: no command waits longer than {@code redisTimeout}; while the connection is down,
 * commands are rejected at once (no queue building up) and Lettuce reconnects in the background,
 * so service resumes without a restart when Redis returns. Every failure surfaces as {@link
 * Unavailable}. Scripts go through the asynchronous API and wait for their own reply (no reflective
 * synchronous proxy, no per-command timer task: this is the hot path of every announce). The first connection is made lazily, so a server starts while Redis is away.</p>
 */
final class RedisLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisLink.class.getName());
    /** Between reconnection attempts while Redis is away. */
    static final Duration RECONNECT_DELAY = Duration.ofMillis(500);
    /** At least this for setting up a connection (TCP, and TLS for rediss://), whatever redisTimeout says. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final ClientResources resources;
    private final RedisClient client;
    private final ConcurrentHashMap<String, String> shas = new ConcurrentHashMap<>();
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
                }
            }
            return connection;
        }
    }

    /** Runs a script of this package by name ({@code swarm} for {@code swarm.lua}). */
    @SuppressWarnings("unchecked")
    <T> T eval(String script, ScriptOutputType type, byte[][] keys, byte[]... args) {
        try {
            StatefulRedisConnection<byte[], byte[]> c = connection();
            RedisAsyncCommands<byte[], byte[]> redis = c.async();
            String sha = shas.computeIfAbsent(script, s -> c.sync().scriptLoad(source(s)));
            try {
                return (T) LettuceFutures.awaitOrCancel(redis.evalsha(sha, type, keys, args), timeoutNanos, NANOSECONDS);
            } catch (RedisNoScriptException e) {
                // Redis restarted without its script cache
                shas.remove(script);
                String again = shas.computeIfAbsent(script, s -> c.sync().scriptLoad(source(s)));
                return (T) LettuceFutures.awaitOrCancel(redis.evalsha(again, type, keys, args), timeoutNanos, NANOSECONDS);
            }
        } catch (Unavailable e) {
            throw e;
        } catch (RedisCommandExecutionException e) {
            // Redis answered with an error: a fault of ours (or a Redis too old), not an outage
            LOG.log(Level.WARNING, "redis script " + script + " failed: " + e.getMessage());
            throw new Unavailable("Redis refused " + script + ": " + e.getMessage(), e);
        } catch (RedisException | IllegalStateException e) {
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "redis " + script + ": " + e);
            }
            throw new Unavailable("Redis unavailable: " + e.getMessage(), e);
        }
    }

    /** Runs a plain command, mapping failures to {@link Unavailable}. */
    <T> T call(java.util.function.Function<RedisCommands<byte[], byte[]>, T> command) {
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
