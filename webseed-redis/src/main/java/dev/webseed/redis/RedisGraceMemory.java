package dev.webseed.redis;

import java.time.Clock;
import java.time.Duration;

import io.lettuce.core.SetArgs;

import dev.webseed.paygate.GraceMemory;
import dev.webseed.paygate.TokenClaims;

/**
 * The grace memory in Redis: {@code P g:{token id}} exists once the token was used successfully
 * before it expired, on any server, and lives until the grace window ends (exp + clock skew +
 * grace, by the injected clock). Written once per token and server (the verifier remembers its
 * own use), read only for an expired token within the grace window that this server has not seen
 * in use: the common path costs no round trip.
 *
 * <p>Redis away: this server's own memory still answers; a use seen only by another server is
 * then not known, and the expired token is refused (a refusal within the grace window, never a
 * byte past expiry that grace would not allow).</p>
 */
final class RedisGraceMemory implements GraceMemory {
    private final RedisLink redis;
    private final String prefix;
    private final Clock clock;
    private final long afterExpiryMillis;
    private final GraceMemory local;

    RedisGraceMemory(RedisLink redis, String prefix, Clock clock, Duration skewPlusGrace, GraceMemory local) {
        this.redis = redis;
        this.prefix = prefix;
        this.clock = clock;
        this.afterExpiryMillis = skewPlusGrace.toMillis();
        this.local = local;
    }

    @Override
    public void started(TokenClaims claims) {
        local.started(claims);
        long ttl = Math.max(1000, claims.expiresAt().toEpochMilli() + afterExpiryMillis - clock.millis());
        try {
            redis.call(r -> r.set(key(claims), new byte[] {'1'}, SetArgs.Builder.px(ttl).nx()));
        } catch (RedisLink.Unavailable e) {
            // remembered here only
        }
    }

    @Override
    public boolean wasStarted(TokenClaims claims) {
        if (local.wasStarted(claims)) {
            return true;
        }
        try {
            return redis.call(r -> r.exists(key(claims))) > 0;
        } catch (RedisLink.Unavailable e) {
            return false;
        }
    }

    private byte[] key(TokenClaims claims) {
        return RedisLink.bytes(prefix + "g:{" + claims.tokenId() + "}");
    }
}
