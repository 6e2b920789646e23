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

final class MemoryBudgetsTest {
    private static TokenClaims claims(String id, OptionalLong budget) {
        return new TokenClaims(1, "kid", id, "s", List.of(Scope.path("paid")), Instant.MAX, Optional.empty(), budget);
    }

    @Test
    void countsAgainstTheBudget() {
        MemoryBudgets budgets = new MemoryBudgets(10);
        TokenClaims limited = claims("a", OptionalLong.of(100));
        assertThat("fresh", budgets.remaining(limited), is(100L));
        budgets.charge("a", 60);
        assertThat("used", budgets.used("a"), is(60L));
        assertThat("remaining", budgets.remaining(limited), is(40L));
        assertThat("not yet", budgets.exhausted(limited), is(false));
        budgets.charge("a", 50);
        assertThat("overshoot by one response is possible, remaining floors at 0", budgets.remaining(limited), is(0L));
        assertThat("exhausted", budgets.exhausted(limited), is(true));
        TokenClaims unlimited = claims("a", OptionalLong.empty());
        assertThat("no budget never exhausts", budgets.exhausted(unlimited), is(false));
        assertThat("no budget", budgets.remaining(unlimited), is(Long.MAX_VALUE));
    }

    @Test
    void concurrentWritersLoseNoByte() throws Exception {
        MemoryBudgets budgets = new MemoryBudgets(10);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        budgets.charge("film", 3);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat("4 x 10000 x 3", budgets.used("film"), is(120_000L));
    }

    @Test
    void reservationsAreClampedToWhatIsLeftAndUnsentBytesComeBack() {
        MemoryBudgets budgets = new MemoryBudgets(10);
        assertThat("granted in full", budgets.reserve("a", 100, 60), is(60L));
        assertThat("clamped to the 40 left", budgets.reserve("a", 100, 60), is(40L));
        assertThat("nothing left", budgets.reserve("a", 100, 1), is(0L));
        budgets.release("a", 30);
        assertThat("released bytes can be reserved again", budgets.reserve("a", 100, 50), is(30L));
        assertThat("used", budgets.used("a"), is(100L));
        budgets.release("never-seen", 5);
        assertThat("releasing for an unknown token creates nothing", budgets.used("never-seen"), is(0L));
    }

    @Test
    void racingReservationsNeverGrantMoreThanTheBudget() throws Exception {
        MemoryBudgets budgets = new MemoryBudgets(10);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> granted = new java.util.ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                granted.add(pool.submit(() -> {
                    long sum = 0;
                    for (int i = 0; i < 10_000; i++) {
                        sum += budgets.reserve("film", 50_000, 3);
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
        assertThat(budgets.used("film"), is(50_000L));
    }

    @Test
    void aBudgetTakesSentBytesFromItsReservationsAndSettlesTheRest() {
        MemoryBudgets budgets = new MemoryBudgets(10);
        Budget budget = Budget.of(budgets, claims("a", OptionalLong.of(100)));
        assertThat("limited", budget.limited(), is(true));
        assertThat(budget.reserve(64), is(64L));
        budget.sent(20);
        budget.settle();
        assertThat("the 44 reserved and not sent came back", budgets.used("a"), is(20L));
        budget.sent(500);
        assertThat("bytes sent without a reservation are charged as they are", budgets.used("a"), is(520L));
        assertThat("none", Budget.of(budgets, claims("b", OptionalLong.empty())), is(Budget.UNLIMITED));
        assertThat("unlimited grants all", Budget.UNLIMITED.reserve(1L << 40), is(1L << 40));
    }

    @Test
    void memoryIsBounded() {
        MemoryBudgets budgets = new MemoryBudgets(100);
        for (int i = 0; i < 10_000; i++) {
            budgets.charge("token-" + i, 1);
        }
        budgets.cleanUp();
        long kept = 0;
        for (int i = 0; i < 10_000; i++) {
            kept += budgets.used("token-" + i);
        }
        assertThat("at most 100 counters kept", kept, lessThanOrEqualTo(100L));
    }
}
