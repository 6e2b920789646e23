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
    private static final Pacer.Kind FIRST = Pacer.Kind.FIRST_COPY;
    private static final Pacer.Kind UNLOCKING = Pacer.Kind.UNLOCKING_REPEAT;
    private static final Pacer.Kind REPEAT = Pacer.Kind.REPEAT;
    private static final Pacer.Kind SOLE = Pacer.Kind.SOLE_REPEAT;

    private long now;
    private Pacer pacer = pacer(1.0);

    private Pacer pacer(double repeatShare) {
        return new Pacer(RATE, repeatShare, () -> now, (grant, nanos) -> now += nanos);
    }

    @Test
    void firstCopiesGoBeforeRepeatsThatCameEarlier() {
        drainBurst();
        Pacer.Ticket repeat = pacer.enqueue(GRANT, REPEAT, now);
        Pacer.Ticket first = pacer.enqueue(GRANT, FIRST, now);
        now += SECOND;
        List<Pacer.Ticket> granted = pacer.dispatch(now);
        assertThat("the saved-up grant goes to the first copy", granted, is(List.of(first)));
        assertThat("the repeat waits for the next", repeat.granted, is(false));
    }

    @Test
    void repeatsAloneGetTheWholeBudget() {
        // work-conserving: with no first copy waiting, repeats are granted at the full rate
        drainBurst();
        long sent = runConnections(Map.of("a", REPEAT, "b", REPEAT), 10 * SECOND).values().stream()
                .mapToLong(Long::longValue).sum();
        assertThat("ten seconds of 1 MB/s, within one grant", Math.abs(sent - 10 * RATE) <= GRANT, is(true));
    }

    @Test
    void repeatsWaitWhileFirstCopiesUseTheBudgetButAreNeverStarved() {
        drainBurst();
        Map<String, Pacer.Kind> connections = new LinkedHashMap<>();
        connections.put("first-1", FIRST);
        connections.put("first-2", FIRST);
        connections.put("repeat", REPEAT);
        Map<String, Long> sent = runConnections(connections, 20 * SECOND);
        long total = sent.values().stream().mapToLong(Long::longValue).sum();
        assertThat("the budget is used in full", Math.abs(total - 20 * RATE) <= 2 * GRANT, is(true));
        // a grant whenever it has waited STARVATION_NANOS keeps its connection alive (urlseed_timeout
        // 20 s): at 4, 8, 12 and 16 s
        assertThat("the repeat got a grant every 4 s: " + sent, sent.get("repeat"),
                is((20 * SECOND - 1) / Pacer.STARVATION_NANOS * GRANT));
    }

    @Test
    void plainRepeatsAloneGetTheirShareOnly() {
        pacer = pacer(0.4);
        drainBurst();
        long sent = runConnections(Map.of("a", REPEAT, "b", REPEAT), 10 * SECOND).values().stream()
                .mapToLong(Long::longValue).sum();
        // 40% of ten seconds at 1 MB/s, plus the 64 KiB the share bucket starts with
        assertThat("sent " + sent, Math.abs(sent - 4 * RATE - GRANT) <= GRANT, is(true));
    }

    @Test
    void unlockingRepeatsGoBeforePlainOnesAndUseTheWholeLeftover() {
        pacer = pacer(0.4);
        drainBurst();
        Map<String, Pacer.Kind> connections = new LinkedHashMap<>();
        connections.put("unlocking", UNLOCKING);
        connections.put("repeat", REPEAT);
        Map<String, Long> sent = runConnections(connections, 20 * SECOND);
        long total = sent.values().stream().mapToLong(Long::longValue).sum();
        assertThat("work-conserving while an unlocking repeat waits: " + sent,
                Math.abs(total - 20 * RATE) <= 2 * GRANT, is(true));
        assertThat("the plain repeat only gets its starvation grants: " + sent, sent.get("repeat"),
                is((20 * SECOND - 1) / Pacer.STARVATION_NANOS * GRANT));
    }

    @Test
    void theSoleClientsRepeatsAreNotHeldToTheShare() {
        pacer = pacer(0.25);
        drainBurst();
        long sent = runConnections(Map.of("sole", SOLE), 10 * SECOND).get("sole");
        assertThat("ten seconds of the whole 1 MB/s, within one grant: " + sent,
                Math.abs(sent - 10 * RATE) <= GRANT, is(true));
    }

    @Test
    void firstCopiesStillGoBeforeTheSoleClientsRepeats() {
        pacer = pacer(0.25);
        drainBurst();
        Pacer.Ticket sole = pacer.enqueue(GRANT, SOLE, now);
        Pacer.Ticket first = pacer.enqueue(GRANT, FIRST, now);
        now += SECOND / 10; // pays for one grant
        assertThat(pacer.dispatch(now), is(List.of(first)));
        assertThat(sole.granted, is(false));
    }

    @Test
    void connectionsOfOneClassTakeTurns() {
        drainBurst();
        Map<String, Pacer.Kind> connections = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            connections.put("first-" + i, FIRST);
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
        Pacer.Ticket big = pacer.enqueue(10 * GRANT, FIRST, now);
        pacer.dispatch(now);
        assertThat("a minute idle pays for one grant only", pacer.nanosUntilNext(now), is(9 * GRANT * SECOND / RATE));
        assertThat(big.granted, is(true));
    }

    @Test
    void aGrantLargerThanTheBalanceRunsIntoDebtAndTheNextWaitsForIt() {
        drainBurst();
        now += SECOND / 20; // 50 kB of balance (below the 64 KiB the bucket keeps at most)
        Pacer.Ticket big = pacer.enqueue(150_000, FIRST, now);
        assertThat("granted on a positive balance", pacer.dispatch(now).contains(big), is(true));
        pacer.enqueue(1, FIRST, now);
        assertThat("the next waits until the 100 kB of debt is paid", pacer.nanosUntilNext(now), is(SECOND / 10));
    }

    @Test
    void acquireWaitsUntilThePreviousGrantIsPaidFor() throws Exception {
        drainBurst();
        long firstWait = pacer.acquire(GRANT, FIRST);
        long secondWait = pacer.acquire(GRANT, FIRST);
        assertThat("granted as soon as the balance is positive", firstWait, is(1L));
        assertThat("the next after one grant's time at 1 MB/s", secondWait, is(GRANT * SECOND / RATE));
        assertThat("nothing left waiting", pacer.waiting(), is(0));
    }

    /** Spends the initial burst so every test starts from an empty bucket. */
    private void drainBurst() {
        Pacer.Ticket ticket = pacer.enqueue(GRANT, FIRST, now);
        pacer.dispatch(now);
        assertThat("the burst covers one grant", ticket.granted, is(true));
        assertThat("and no more", pacer.nanosUntilNext(now), is(1L));
    }

    /**
     * Each connection always has one grant waiting (as a response that sends grant after grant);
     * the clock moves from deadline to deadline. Returns the bytes granted per connection.
     */
    private Map<String, Long> runConnections(Map<String, Pacer.Kind> kinds, long duration) {
        Map<Pacer.Ticket, String> owner = new LinkedHashMap<>();
        Map<String, Long> sent = new LinkedHashMap<>();
        kinds.forEach((name, kind) -> {
            owner.put(pacer.enqueue(GRANT, kind, now), name);
            sent.put(name, 0L);
        });
        long end = now + duration;
        while (now < end) {
            for (Pacer.Ticket ticket : new ArrayList<>(pacer.dispatch(now))) {
                String name = owner.remove(ticket);
                sent.merge(name, ticket.bytes, Long::sum);
                owner.put(pacer.enqueue(GRANT, kinds.get(name), now), name);
            }
            now += pacer.nanosUntilNext(now);
        }
        return sent;
    }
}
