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
        budgets.add("a", 60);
        assertThat("used", budgets.used("a"), is(60L));
        assertThat("remaining", budgets.remaining(limited), is(40L));
        assertThat("not yet", budgets.exhausted(limited), is(false));
        budgets.add("a", 50);
        assertThat("overshoot by one response is possible, remaining floors at 0", budgets.remaining(limited), is(0L));
        assertThat("exhausted", budgets.exhausted(limited), is(true));
        TokenClaims unlimited = claims("a", OptionalLong.empty());
        assertThat("no budget never exhausts", budgets.exhausted(unlimited), is(false));
        assertThat("no budget", budgets.remaining(unlimited), is(Long.MAX_VALUE));
    }

    @Test
    void concurrentWritersLoseNoByte() throws Exception {
        ByteBudgets budgets = new ByteBudgets(10);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        budgets.add("film", 3);
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
    void memoryIsBounded() {
        ByteBudgets budgets = new ByteBudgets(100);
        for (int i = 0; i < 10_000; i++) {
            budgets.add("token-" + i, 1);
        }
        budgets.cleanUp();
        long kept = 0;
        for (int i = 0; i < 10_000; i++) {
            kept += budgets.used("token-" + i);
        }
        assertThat("at most 100 counters kept", kept, lessThanOrEqualTo(100L));
    }
}
