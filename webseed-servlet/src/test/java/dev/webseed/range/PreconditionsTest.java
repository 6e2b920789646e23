package dev.webseed.range;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.webseed.range.Preconditions.Result;

/** RFC 9110 §13.2.2 evaluation order and §13.1.5 If-Range, without a container. */
final class PreconditionsTest {
    private static final String TAG = "\"3e8-abc\"";
    private static final Instant MODIFIED = Instant.parse("2024-05-06T07:08:09Z");
    private static final String AT = "Mon, 06 May 2024 07:08:09 GMT";
    private static final String BEFORE = "Mon, 06 May 2024 07:08:08 GMT";
    private static final String AFTER = "Mon, 06 May 2024 07:08:10 GMT";
    private static final Validators V = Validators.of(TAG, MODIFIED.plusMillis(900)); // truncated to the second

    /** If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since -> result. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(null, null, null, null, Result.PROCEED),
                Arguments.of(TAG, null, null, null, Result.PROCEED),
                Arguments.of("*", null, null, null, Result.PROCEED),
                Arguments.of("\"a\", " + TAG, null, null, null, Result.PROCEED),
                Arguments.of("\"a\"", null, null, null, Result.PRECONDITION_FAILED),
                Arguments.of("W/" + TAG, null, null, null, Result.PRECONDITION_FAILED),
                Arguments.of("garbage", null, null, null, Result.PRECONDITION_FAILED),
                Arguments.of(null, null, null, BEFORE, Result.PRECONDITION_FAILED),
                Arguments.of(null, null, null, AT, Result.PROCEED),
                Arguments.of(null, null, null, "not a date", Result.PROCEED),
                // If-Match present: If-Unmodified-Since is not evaluated (RFC 9110 §13.2.2 step 2)
                Arguments.of(TAG, null, null, BEFORE, Result.PROCEED),
                Arguments.of(null, TAG, null, null, Result.NOT_MODIFIED),
                Arguments.of(null, "W/" + TAG, null, null, Result.NOT_MODIFIED),
                Arguments.of(null, "*", null, null, Result.NOT_MODIFIED),
                Arguments.of(null, "\"a\",W/\"b\" , " + TAG, null, null, Result.NOT_MODIFIED),
                Arguments.of(null, "\"a\"", null, null, Result.PROCEED),
                Arguments.of(null, null, AT, null, Result.NOT_MODIFIED),
                Arguments.of(null, null, AFTER, null, Result.NOT_MODIFIED),
                Arguments.of(null, null, BEFORE, null, Result.PROCEED),
                Arguments.of(null, null, "Monday, 06-May-24 07:08:09 GMT", null, Result.NOT_MODIFIED),
                Arguments.of(null, null, "Mon May  6 07:08:09 2024", null, Result.NOT_MODIFIED),
                Arguments.of(null, null, "yesterday", null, Result.PROCEED),
                // If-None-Match present: If-Modified-Since is ignored (RFC 9110 §13.1.3)
                Arguments.of(null, "\"a\"", AT, null, Result.PROCEED),
                // 412 wins over 304 (RFC 9110 §13.2.2: step 1 before step 3)
                Arguments.of("\"a\"", TAG, null, null, Result.PRECONDITION_FAILED));
    }

    @ParameterizedTest(name = "If-Match {0} If-None-Match {1} IMS {2} IUS {3} -> {4}")
    @MethodSource("table")
    void evaluate(String ifMatch, String ifNoneMatch, String ims, String ius, Result expected) {
        ConditionalHeaders headers = new ConditionalHeaders(ifMatch, ifNoneMatch, ims, ius, null);
        assertThat(headers.toString(), Preconditions.evaluate(headers, V), is(expected));
    }

    @Test
    void ifRangeNeedsAStrongTagOrTheExactDate() {
        assertThat(Preconditions.ifRangeHolds(null, V), is(true));
        assertThat(Preconditions.ifRangeHolds(TAG, V), is(true));
        assertThat(Preconditions.ifRangeHolds(" " + TAG + " ", V), is(true));
        assertThat(Preconditions.ifRangeHolds("W/" + TAG, V), is(false));
        assertThat(Preconditions.ifRangeHolds("\"other\"", V), is(false));
        assertThat(Preconditions.ifRangeHolds(TAG + ", \"other\"", V), is(false)); // one tag only
        assertThat(Preconditions.ifRangeHolds(AT, V), is(true));
        assertThat(Preconditions.ifRangeHolds(AFTER, V), is(false));
        assertThat(Preconditions.ifRangeHolds(BEFORE, V), is(false));
        assertThat(Preconditions.ifRangeHolds("a-b-c", V), is(false));
        assertThat(Preconditions.ifRangeHolds(AT, new Validators(TAG, Optional.empty())), is(false));
    }

    @Test
    void datesWithoutAModificationTimeAreIgnored() {
        Validators pad = Validators.of("\"pad-5\"", null);
        assertThat(Preconditions.evaluate(new ConditionalHeaders(null, null, AFTER, BEFORE, null), pad),
                is(Result.PROCEED));
    }

    @Test
    void httpDateFormatsImfFixdateAndParsesAllThreeForms() {
        assertThat(HttpDate.format(Instant.parse("1994-11-06T08:49:37Z")), is("Sun, 06 Nov 1994 08:49:37 GMT"));
        Instant expected = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"), is(Optional.of(expected)));
        assertThat(HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"), is(Optional.of(expected)));
        assertThat(HttpDate.parse("Sun Nov  6 08:49:37 1994"), is(Optional.of(expected)));
        assertThat(HttpDate.parse("06 Nov 1994"), is(Optional.empty()));
        assertThat(HttpDate.parse("x".repeat(1000)), is(Optional.empty()));
    }
}
