package dev.webseed.range;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Range parser and multi-range policy without a container (RFC 9110 §14.1-§14.2). */
final class RangeParserTest {
    private static final long LEN = 1000;

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of(null, "FULL"),
                Arguments.of("items=0-5", "FULL"),
                Arguments.of("bytes=0-0", "0-0"),
                Arguments.of("bytes=0-", "0-999"),
                Arguments.of("bytes=-1", "999-999"),
                Arguments.of("bytes=-1000000", "0-999"),
                Arguments.of("bytes=998-1000000", "998-999"),
                Arguments.of("bytes=0-9223372036854775807", "0-999"),
                Arguments.of("bytes=0-9223372036854775808", "0-999"),
                Arguments.of("bytes=\t0-1 ,\t2-3", "0-3"),
                Arguments.of("bytes=6-9,0-4", "6-9 0-4"),
                Arguments.of("bytes=50-59,0-9,55-70", "50-70 0-9"),
                Arguments.of("bytes=0-9,0-9,0-9", "0-9"),
                Arguments.of("bytes=0-9,11-20", "0-9 11-20"),
                Arguments.of("bytes=,,0-9,,", "0-9"),
                Arguments.of("bytes=1000-,0-0", "0-0"),
                Arguments.of("bytes=1000-", "416"),
                Arguments.of("bytes=9223372036854775807-", "416"),
                Arguments.of("bytes=-0", "416"),
                Arguments.of("bytes=,", "416"),
                Arguments.of("bytes=1-0", "416"),
                Arguments.of("bytes=+1-2", "416"),
                Arguments.of("bytes=1-+2", "416"),
                Arguments.of("bytes=1.5-2", "416"),
                Arguments.of("bytes=١-٢", "416"), // Arabic-Indic digits are not DIGIT
                Arguments.of("=0-1", "416"),
                Arguments.of("by tes=0-1", "416"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("decisions")
    void parse(String header, String expected) {
        RangeRequest request = RangeParser.parse(header, LEN, 16);
        assertThat(header, describe(request), is(expected));
    }

    @Test
    void zeroLengthRepresentationHasNoSatisfiableRange() {
        for (String header : List.of("bytes=0-", "bytes=0-0", "bytes=-1", "bytes=-0")) {
            assertThat(header, RangeParser.parse(header, 0, 16).kind(), is(RangeRequest.Kind.UNSATISFIABLE));
        }
        assertThat(RangeParser.parse(null, 0, 16).kind(), is(RangeRequest.Kind.FULL));
    }

    @Test
    void maxRangesCountsAfterCoalescing() {
        String sixteen = IntStream.range(0, 16).mapToObj(i -> (10 * i) + "-" + (10 * i + 4))
                .collect(Collectors.joining(",", "bytes=", ""));
        assertThat(RangeParser.parse(sixteen, LEN, 16).ranges().size(), is(16));
        RangeRequest seventeen = RangeParser.parse(sixteen + ",500-501", LEN, 16);
        assertThat(seventeen.kind(), is(RangeRequest.Kind.UNSATISFIABLE));
        assertThat(seventeen.reason(), containsString("too many ranges"));
        // many overlapping ranges are one range, not a refusal
        String overlapping = "bytes=" + "0-99,".repeat(5000);
        assertThat(describe(RangeParser.parse(overlapping, LEN, 1)), is("0-99"));
    }

    @Test
    void aThousandDistinctSmallRangesAreRefusedNotServed() {
        String many = IntStream.range(0, 500).mapToObj(i -> (2 * i) + "-" + (2 * i))
                .collect(Collectors.joining(",", "bytes=", ""));
        assertThat(RangeParser.parse(many, LEN, 16).kind(), is(RangeRequest.Kind.UNSATISFIABLE));
    }

    @Test
    void digitsSaturateInsteadOfOverflowing() {
        assertThat(RangeParser.digits("99999999999999999999999999"), is(Long.MAX_VALUE));
        assertThat(RangeParser.digits("9223372036854775807"), is(Long.MAX_VALUE));
        assertThat(RangeParser.digits("9223372036854775806"), is(Long.MAX_VALUE - 1));
        assertThat(RangeParser.digits("12"), is(12L));
        assertThat(RangeParser.digits(""), is(-1L));
        assertThat(RangeParser.digits("-1"), is(-1L));
    }

    @Test
    void contentRangeValues() {
        assertThat(new ByteRange(0, 9).contentRange(1000), is("bytes 0-9/1000"));
        assertThat(ByteRange.unsatisfied(1000), is("bytes */1000"));
        assertThat(new ByteRange(5, 5).length(), is(1L));
    }

    private static String describe(RangeRequest request) {
        switch (request.kind()) {
            case FULL:
                return "FULL";
            case UNSATISFIABLE:
                return "416";
            default:
                return request.ranges().stream().map(r -> r.first() + "-" + r.last()).collect(Collectors.joining(" "));
        }
    }
}
