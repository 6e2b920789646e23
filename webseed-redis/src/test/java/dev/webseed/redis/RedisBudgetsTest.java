package dev.webseed.redis;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.webseed.paygate.Scope;
import dev.webseed.paygate.TokenClaims;
import dev.webseed.testing.RedisServer;
import dev.webseed.testing.SteppingClock;

/**
 * A byte budget shared by two servers on a real redis-server: reservations never pass it, and the
 * check before a response is answered locally only for {@code redisPollInterval} after a
 * reservation of that server left room.
 */
final class RedisBudgetsTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final long MIB = 1 << 20;
    private static final Duration POLL = Duration.ofSeconds(1);
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-27T12:00:00Z"));

    private TokenClaims token(String id, long budget) {
        return new TokenClaims(1, "k1", id, "buyer", List.of(Scope.path("paid/")),
                clock.instant().plus(Duration.ofHours(2)), Optional.empty(), OptionalLong.of(budget));
    }

    private static RedisLink link;

    @BeforeAll
    static void connect() {
        link = new RedisLink(REDIS.url(), Duration.ofSeconds(5));
    }

    @AfterAll
    static void close() {
        link.close();
    }

    /** One of two servers sharing the deployment {@code prefix}. */
    private RedisBudgets server(String prefix) {
        return new RedisBudgets(link, prefix, clock, Duration.ZERO, POLL);
    }

    @Test
    void theCheckBeforeAResponseIsLocalOnlyBrieflyAfterARoomyReservation() {
        RedisBudgets a = server("budgets1:");
        RedisBudgets b = server("budgets1:");
        TokenClaims t = token("t-room", 3 * MIB);
        assertThat("a reserves 1 MiB of 3", a.reserve(t, MIB), is(MIB));
        assertThat("b takes the rest", b.reserve(t, 4 * MIB), is(2 * MIB));
        assertThat("b knows at once: its reservation left nothing", b.exhausted(t), is(true));
        assertThat("a still believes there is room (its reservation left some a moment ago)", a.exhausted(t),
                is(false));
        assertThat("but a's reservation grants nothing: the budget holds", a.reserve(t, MIB), is(0L));
        assertThat("and a knows it from then on", a.exhausted(t), is(true));
    }

    @Test
    void theLocalAnswerLastsOnlyThePollInterval() {
        RedisBudgets a = server("budgets2:");
        RedisBudgets b = server("budgets2:");
        TokenClaims t = token("t-time", 2 * MIB);
        a.reserve(t, MIB);
        b.reserve(t, MIB);
        assertThat("within the window a answers from its last reservation", a.exhausted(t), is(false));
        clock.advance(POLL);
        assertThat("after it, a asks Redis", a.exhausted(t), is(true));
    }
}
