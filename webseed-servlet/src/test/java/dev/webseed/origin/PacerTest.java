package dev.webseed.origin;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The budget's decisions on a time line the test moves by hand (nanoseconds): which waiting grant
 * goes next, and how many bytes a stretch of time lets through. Nothing waits for real.
 */
final class PacerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long RATE = 1_000_000; // 1 MB/s: burst = one grant (64 KiB)
    private static final long GRANT = Pacer.GRANT_BYTES;

    private long now;
    private final Pacer pacer = new Pacer(RATE, () -> now, (monitor, nanos) -> now += nanos);

    @Test
    void firstCopiesGoBeforeRepeatsThatCameEarlier() {
        drainBurst();
        Pacer.Ticket repeat = pacer.enqueue(GRANT, false, now);
        Pacer.Ticket first = pacer.enqueue(GRANT, true, now);
        now += SECOND;
        List<Pacer.Ticket> granted = pacer.dispatch(now);
        assertThat("the first copy is granted first", granted.get(0), is(first));
        assertThat("then the repeat, once the budget allows", granted.contains(repeat) || !repeat.granted, is(true));
    }

    @Test
    void repeatsAloneGetTheWholeBudget() {
        // work-conserving: with no first copy waiting, repeats are granted at the full rate
        drainBurst();
        long sent = runConnections(Map.of("a", false, "b", false), 10 * SECOND).values().stream()
                .mapToLong(Long::longValue).sum();
        assertThat("ten seconds of 1 MB/s, within one grant", Math.abs(sent - 10 * RATE) <= GRANT, is(true));
    }

    @Test
    void repeatsWaitWhileFirstCopiesUseTheBudgetButAreNeverStarved() {
        drainBurst();
        Map<String, Boolean> connections = new LinkedHashMap<>();
        connections.put("first-1", true);
        connections.put("first-2", true);
        connections.put("repeat", false);
        Map<String, Long> sent = runConnections(connections, 20 * SECOND);
        long total = sent.values().stream().mapToLong(Long::longValue).sum();
        assertThat("the budget is used in full", Math.abs(total - 20 * RATE) <= 2 * GRANT, is(true));
        // a grant whenever it has waited STARVATION_NANOS keeps its connection alive (urlseed_timeout
        // 20 s): at 4, 8, 12 and 16 s
        assertThat("the repeat got a grant every 4 s: " + sent, sent.get("repeat"),
                is((20 * SECOND - 1) / Pacer.STARVATION_NANOS * GRANT));
    }

    @Test
    void connectionsOfOneClassTakeTurns() {
        drainBurst();
        Map<String, Boolean> connections = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            connections.put("first-" + i, true);
        }
        Map<String, Long> sent = runConnections(connections, 10 * SECOND);
        long least = sent.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long most = sent.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat("equal shares within one grant: " + sent, most - least <= GRANT, is(true));
    }

    @Test
    void anIdleBudgetSavesAtMostOneGrant() {
        drainBurst();
        now += 60 * SECOND;
        Pacer.Ticket big = pacer.enqueue(10 * GRANT, true, now);
        pacer.dispatch(now);
        assertThat("a minute idle pays for one grant only", pacer.nanosUntilNext(now), is(9 * GRANT * SECOND / RATE));
        assertThat(big.granted, is(true));
    }

    @Test
    void aGrantLargerThanTheBalanceRunsIntoDebtAndTheNextWaitsForIt() {
        drainBurst();
        now += SECOND / 20; // 50 kB of balance (below the 64 KiB the bucket keeps at most)
        Pacer.Ticket big = pacer.enqueue(150_000, true, now);
        assertThat("granted on a positive balance", pacer.dispatch(now).contains(big), is(true));
        pacer.enqueue(1, true, now);
        assertThat("the next waits until the 100 kB of debt is paid", pacer.nanosUntilNext(now), is(SECOND / 10));
    }

    @Test
    void acquireWaitsUntilThePreviousGrantIsPaidFor() throws Exception {
        drainBurst();
        long firstWait = pacer.acquire(GRANT, true);
        long secondWait = pacer.acquire(GRANT, true);
        assertThat("granted as soon as the balance is positive", firstWait, is(1L));
        assertThat("the next after one grant's time at 1 MB/s", secondWait, is(GRANT * SECOND / RATE));
        assertThat("nothing left waiting", pacer.waiting(), is(0));
    }

    /** Spends the initial burst so every test starts from an empty bucket. */
    private void drainBurst() {
        Pacer.Ticket ticket = pacer.enqueue(GRANT, true, now);
        pacer.dispatch(now);
        assertThat("the burst covers one grant", ticket.granted, is(true));
        assertThat("and no more", pacer.nanosUntilNext(now), is(1L));
    }

    /**
     * Each connection always has one grant waiting (as a response that sends grant after grant);
     * the clock moves from deadline to deadline. Returns the bytes granted per connection.
     */
    private Map<String, Long> runConnections(Map<String, Boolean> firstCopy, long duration) {
        Map<Pacer.Ticket, String> owner = new LinkedHashMap<>();
        Map<String, Long> sent = new LinkedHashMap<>();
        firstCopy.forEach((name, first) -> {
            owner.put(pacer.enqueue(GRANT, first, now), name);
            sent.put(name, 0L);
        });
        long end = now + duration;
        while (now < end) {
            for (Pacer.Ticket ticket : new ArrayList<>(pacer.dispatch(now))) {
                String name = owner.remove(ticket);
                sent.merge(name, ticket.bytes, Long::sum);
                owner.put(pacer.enqueue(GRANT, firstCopy.get(name), now), name);
            }
            now += pacer.nanosUntilNext(now);
        }
        return sent;
    }
}
