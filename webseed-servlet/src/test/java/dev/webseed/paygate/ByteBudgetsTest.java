package dev.webseed.paygate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

final class ByteBudgetsTest {
    private static TokenClaims claims(String id, OptionalLong budget) {
        return new TokenClaims(1, "kid", id, "s", List.of(Scope.path("paid")), Instant.MAX, Optional.empty(), budget);
    }

    @Test
    void countsAgainstTheBudget() {
        ByteBudgets budgets = new ByteBudgets(10);
        TokenClaims limited = claims("a", OptionalLong.of(100));
        assertThat("fresh", budgets.remaining(limited), is(100L));
        budgets.charge(limited, 60);
        assertThat("used", budgets.used(limited), is(60L));
        assertThat("remaining", budgets.remaining(limited), is(40L));
        assertThat("not yet", budgets.exhausted(limited), is(false));
        budgets.charge(limited, 50);
        assertThat("overshoot by one response is possible, remaining floors at 0", budgets.remaining(limited), is(0L));
        assertThat("exhausted", budgets.exhausted(limited), is(true));
        TokenClaims unlimited = claims("a", OptionalLong.empty());
        assertThat("no budget never exhausts", budgets.exhausted(unlimited), is(false));
        assertThat("no budget", budgets.remaining(unlimited), is(Long.MAX_VALUE));
    }

    @Test
    void concurrentWritersLoseNoByte() throws Exception {
        ByteBudgets budgets = new ByteBudgets(10);
        TokenClaims film = claims("film", OptionalLong.of(Long.MAX_VALUE));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        budgets.charge(film, 3);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat("4 x 10000 x 3", budgets.used(film), is(120_000L));
    }

    @Test
    void reservationsAreClampedToWhatIsLeftAndUnsentBytesComeBack() {
        ByteBudgets budgets = new ByteBudgets(10);
        TokenClaims a = claims("a", OptionalLong.of(100));
        assertThat("granted in full", budgets.reserve(a, 60), is(60L));
        assertThat("clamped to the 40 left", budgets.reserve(a, 60), is(40L));
        assertThat("nothing left", budgets.reserve(a, 1), is(0L));
        budgets.release(a, 30);
        assertThat("released bytes can be reserved again", budgets.reserve(a, 50), is(30L));
        assertThat("used", budgets.used(a), is(100L));
        TokenClaims unseen = claims("never-seen", OptionalLong.of(100));
        budgets.release(unseen, 5);
        assertThat("releasing for an unknown token creates nothing", budgets.used(unseen), is(0L));
        TokenClaims free = claims("free", OptionalLong.empty());
        assertThat("a token without a budget gets all it asks", budgets.reserve(free, 1L << 40), is(1L << 40));
    }

    @Test
    void racingReservationsNeverGrantMoreThanTheBudget() throws Exception {
        ByteBudgets budgets = new ByteBudgets(10);
        TokenClaims film = claims("film", OptionalLong.of(50_000));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> granted = new java.util.ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                granted.add(pool.submit(() -> {
                    long sum = 0;
                    for (int i = 0; i < 10_000; i++) {
                        sum += budgets.reserve(film, 3);
                    }
                    return sum;
                }));
            }
            long total = 0;
            for (Future<Long> f : granted) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat("exactly the budget, not one byte more", total, is(50_000L));
        } finally {
            pool.shutdownNow();
        }
        assertThat(budgets.used(film), is(50_000L));
    }

    @Test
    void aBudgetTakesSentBytesFromItsReservationsAndSettlesTheRest() {
        ByteBudgets budgets = new ByteBudgets(10);
        TokenClaims a = claims("a", OptionalLong.of(100));
        Budget budget = Budget.of(budgets, a);
        assertThat("limited", budget.limited(), is(true));
        assertThat(budget.reserve(64), is(64L));
        budget.sent(20);
        budget.settle();
        assertThat("the 44 reserved and not sent came back", budgets.used(a), is(20L));
        budget.sent(500);
        assertThat("bytes sent without a reservation are charged as they are", budgets.used(a), is(520L));
        assertThat("none", Budget.of(budgets, claims("b", OptionalLong.empty())), is(Budget.UNLIMITED));
        assertThat("unlimited grants all", Budget.UNLIMITED.reserve(1L << 40), is(1L << 40));
    }

    @Test
    void memoryIsBounded() {
        ByteBudgets budgets = new ByteBudgets(100);
        for (int i = 0; i < 10_000; i++) {
            budgets.charge(claims("token-" + i, OptionalLong.of(10)), 1);
        }
        budgets.cleanUp();
        long kept = 0;
        for (int i = 0; i < 10_000; i++) {
            kept += budgets.used(claims("token-" + i, OptionalLong.of(10)));
        }
        assertThat("at most 100 counters kept", kept, lessThanOrEqualTo(100L));
    }
}
