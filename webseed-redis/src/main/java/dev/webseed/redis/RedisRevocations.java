package dev.webseed.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.ScriptOutputType;

import dev.webseed.paygate.SharedRevocations;

/**
 * Revocations shared through Redis: {@code P revoked:jti} and {@code P revoked:sub} are sets of
 * revoked token ids and subjects, {@code P revoked:v} a counter raised by every new entry ({@code
 * revoke.lua}). No expiry: a revocation is permanent (a token id is never reused; remove a
 * subject with {@code SREM} after its tokens have expired).
 *
 * <p>Each server reads {@code revoked:v} at most once per {@code redisPollInterval} of the injected
 * clock, on a request thread, and both sets only when it changed; so an entry made on any server
 * is in force on every server within that interval plus {@code redisTimeout}. While Redis is away
 * the last sets read stay in force (fail static: nothing revoked is let through again), and
 * entries that could not be sent are sent on a later poll by the revocation file's owner.</p>
 */
final class RedisRevocations implements SharedRevocations {
    private static final System.Logger LOG = System.getLogger(RedisRevocations.class.getName());

    private final RedisLink redis;
    private final byte[] ids;
    private final byte[] subjects;
    private final byte[] version;
    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong nextPoll = new AtomicLong(Long.MIN_VALUE);
    private volatile Snapshot snapshot = new Snapshot(Set.of(), Set.of(), null);

    private record Snapshot(Set<String> ids, Set<String> subjects, String version) {
    }

    RedisRevocations(RedisLink redis, String prefix, Clock clock, Duration pollInterval) {
        this.redis = redis;
        this.ids = RedisLink.bytes(prefix + "revoked:jti");
        this.subjects = RedisLink.bytes(prefix + "revoked:sub");
        this.version = RedisLink.bytes(prefix + "revoked:v");
        this.clock = clock;
        this.intervalMillis = pollInterval.toMillis();
    }

    @Override
    public boolean isRevoked(String tokenId, String subject) {
        poll();
        Snapshot s = snapshot;
        return s.ids.contains(tokenId) || s.subjects.contains(subject);
    }

    @Override
    public boolean revoke(Set<String> tokenIds, Set<String> subjectsRevoked) {
        if (tokenIds.isEmpty() && subjectsRevoked.isEmpty()) {
            return true;
        }
        byte[][] args = new byte[1 + tokenIds.size() + subjectsRevoked.size()][];
        args[0] = RedisLink.bytes(tokenIds.size());
        int i = 1;
        for (String id : tokenIds) {
            args[i++] = id.getBytes(UTF_8);
        }
        for (String subject : subjectsRevoked) {
            args[i++] = subject.getBytes(UTF_8);
        }
        try {
            redis.eval("revoke", ScriptOutputType.INTEGER, new byte[][] {ids, subjects, version}, args);
            nextPoll.set(Long.MIN_VALUE); // read our own entries back at once
            return true;
        } catch (RedisLink.Unavailable e) {
            LOG.log(Level.WARNING, "revocations not shared yet (sent again later): " + e.getMessage());
            return false;
        }
    }

    private void poll() {
        long now = clock.millis();
        long due = nextPoll.get();
        if (now < due || !nextPoll.compareAndSet(due, now + intervalMillis)) {
            return;
        }
        try {
            byte[] v = redis.call(r -> r.get(version));
            String current = v == null ? "0" : new String(v, UTF_8);
            if (current.equals(snapshot.version)) {
                return;
            }
            Set<String> newIds = text(redis.call(r -> r.smembers(ids)));
            Set<String> newSubjects = text(redis.call(r -> r.smembers(subjects)));
            snapshot = new Snapshot(Set.copyOf(newIds), Set.copyOf(newSubjects), current);
        } catch (RedisLink.Unavailable e) {
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "shared revocations not read, keeping the last list: " + e.getMessage());
            }
        }
    }

    private static Set<String> text(Set<byte[]> members) {
        Set<String> out = new HashSet<>();
        for (byte[] m : members) {
            out.add(new String(m, UTF_8));
        }
        return out;
    }
}
