package dev.webseed.origin;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

/**
 * When one client counts as alone, on a time line the test moves by hand: responses that overlap
 * come from different clients; after a whole window without overlap, one client is alone.
 */
final class CrowdTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long WINDOW = 5 * SECOND;

    private long now = 1_000 * SECOND;
    private final Crowd crowd = new Crowd(WINDOW, now);

    @Test
    void nobodySeenYetAndOneClientsSequentialResponsesAreAlone() {
        assertThat("before any response", crowd.alone(now), is(true));
        for (int i = 0; i < 10; i++) { // one client: request after request on its connection
            crowd.opened(now);
            assertThat("response " + i, crowd.alone(now), is(true));
            now += SECOND / 2;
            crowd.closed(now);
        }
        assertThat(crowd.alone(now), is(true));
    }

    @Test
    void twoOverlappingResponsesAreACrowdUntilAWholeWindowPassesWithoutOverlap() {
        crowd.opened(now);
        crowd.opened(now);
        assertThat("two in flight", crowd.alone(now), is(false));
        now += 30 * SECOND;
        assertThat("still two in flight, however long", crowd.alone(now), is(false));
        crowd.closed(now);
        assertThat("one left, but the other client was pulling a moment ago", crowd.alone(now), is(false));
        now += WINDOW - 1;
        assertThat("one nanosecond short of the window", crowd.alone(now), is(false));
        now += 1;
        assertThat("a whole window with one response in flight", crowd.alone(now), is(true));
    }

    @Test
    void aSecondClientBriefOverlapRestartsTheWindow() {
        crowd.opened(now); // the lone client's long response
        now += 10 * SECOND;
        crowd.opened(now); // another client's request
        now += SECOND;
        crowd.closed(now);
        now += 4 * SECOND;
        assertThat("four seconds after the overlap", crowd.alone(now), is(false));
        now += SECOND;
        assertThat(crowd.alone(now), is(true));
    }

    @Test
    void moreClosesThanOpensDoNotMakeACrowdLater() {
        crowd.closed(now);
        crowd.opened(now);
        assertThat(crowd.alone(now), is(true));
    }
}
