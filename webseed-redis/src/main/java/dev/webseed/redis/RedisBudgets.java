package dev.webseed.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.lettuce.core.ScriptOutputType;

import dev.webseed.paygate.BudgetReserver;
import dev.webseed.paygate.TokenClaims;

/**
 * Byte budgets in Redis, shared by every server: {@code P b:{token id}} is a string counting the
 * bytes reserved so far, changed only by {@code budget.lua} (grant at most what is left, atomically)
 * and {@code release.lua} (give back what was not sent). It expires when the token can no longer
 * be used (its {@code exp} plus clock skew and grace, by the injected clock), so Redis holds one
 * small key per token in use.
 *
 * <p>The check before a response ({@link #exhausted}) is answered here, without a round trip,
 * for {@code redisPollInterval} after a reservation of this server left bytes in the budget: the
 * reservation is the guarantee (nothing is sent unreserved), the check only answers early. A budget
 * used up by another server within that time is met by the response's first reservation, made
 * before its first byte: it grants nothing, and the answer is the same 403 (SeedTransfer). So the
 * check costs a round trip only when this server has not reserved for the token lately.</p>
 *
 * <p>Redis away: {@link #reserve} throws {@link BudgetReserver.Unavailable}; the webseed then sends
 * nothing on a budgeted token (fail closed: a budget is what was paid for, and a local allowance
 * per server would multiply it by the number of servers). Unbudgeted tokens need no shared state
 * and keep being served.</p>
 */
final class RedisBudgets implements BudgetReserver {
    /** Tokens whose room is known: the most budgeted tokens in use at once on one server. */
    static final int ROOM_KNOWN_TOKENS = 10_000;

    private final Cache<String, Long> roomUntil = Caffeine.newBuilder().maximumSize(ROOM_KNOWN_TOKENS).build();
    private final RedisLink redis;
    private final String prefix;
    private final Clock clock;
    private final long afterExpirySeconds;
    private final long roomKnownMillis;

    /** @param roomKnownFor how long a reservation that left bytes answers the check before a response ({@code redisPollInterval}) */
    RedisBudgets(RedisLink redis, String prefix, Clock clock, Duration skewPlusGrace, Duration roomKnownFor) {
        this.redis = redis;
        this.prefix = prefix;
        this.clock = clock;
        this.afterExpirySeconds = skewPlusGrace.toSeconds();
        this.roomKnownMillis = roomKnownFor.toMillis();
    }

    @Override
    public long reserve(TokenClaims claims, long bytes) {
        if (claims.byteBudget().isEmpty() || bytes == 0) {
            return bytes;
        }
        long life = Math.max(60, (claims.expiresAt().toEpochMilli() - clock.millis()) / 1000 + afterExpirySeconds);
        try {
            List<Long> reply = redis.eval("budget", ScriptOutputType.MULTI, new byte[][] {key(claims)},
                    RedisLink.bytes(claims.byteBudget().getAsLong()), RedisLink.bytes(bytes), RedisLink.bytes(life));
            if (reply.get(1) > 0) {
                roomUntil.put(claims.tokenId(), clock.millis() + roomKnownMillis);
            } else {
                roomUntil.invalidate(claims.tokenId());
            }
            return reply.get(0);
        } catch (RedisLink.Unavailable e) {
            throw new BudgetReserver.Unavailable(e.getMessage(), e);
        }
    }

    @Override
    public void release(TokenClaims claims, long bytes) {
        if (claims.byteBudget().isEmpty() || bytes <= 0) {
            return;
        }
        try {
            redis.eval("release", ScriptOutputType.INTEGER, new byte[][] {key(claims)}, RedisLink.bytes(bytes));
        } catch (RedisLink.Unavailable e) {
            throw new BudgetReserver.Unavailable(e.getMessage(), e);
        }
    }

    @Override
    public long used(TokenClaims claims) {
        try {
            byte[] value = redis.call(r -> r.get(key(claims)));
            return value == null ? 0 : Long.parseLong(new String(value, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (RedisLink.Unavailable e) {
            throw new BudgetReserver.Unavailable(e.getMessage(), e);
        }
    }

    /** The token check before a response: unknown while Redis is away (the reservation then fails closed). */
    @Override
    public boolean exhausted(TokenClaims claims) {
        if (claims.byteBudget().isEmpty()) {
            return false;
        }
        Long until = roomUntil.getIfPresent(claims.tokenId());
        if (until != null && clock.millis() < until) {
            return false; // a reservation of this server left bytes a moment ago
        }
        try {
            return used(claims) >= claims.byteBudget().getAsLong();
        } catch (BudgetReserver.Unavailable e) {
            return false;
        }
    }

    private byte[] key(TokenClaims claims) {
        return RedisLink.bytes(prefix + "b:{" + claims.tokenId() + "}");
    }
}
