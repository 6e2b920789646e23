package dev.webseed.tracker;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

final class QueryTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    @Test
    void binaryInfoHash_decodesToTheExactBytes() {
        // the canonical BEP 3 example: upper-case escapes mixed with raw unreserved bytes
        Query q = Query.parse("info_hash=%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx%9A", 4096, 32);
        assertThat("decoded", hex(q.single("info_hash").orElseThrow()),
                is("123456789abcdef123456789abcdef123456789a"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "lower-case escapes (libtorrent)   | n%f4%a0%ff | 6ef4a0ff",
        "upper-case escapes (aria2)        | n%F4%A0%FF | 6ef4a0ff",
        "unreserved bytes raw              | -._~aZ09   | 2d2e5f7e615a3039",
        "plus is a plus, not a space       | a+b        | 612b62",
        "escaped percent                   | %25%2525   | 25253235",
        "empty value                       | ''         | ''",
    })
    void value_decodesPerRfc3986(String what, String raw, String expectedHex) {
        Query q = Query.parse("v=" + raw, 4096, 32);
        assertThat(what, hex(q.single("v").orElseThrow()), is(expectedHex));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truncated escape at the end         | info_hash=abc%4       | truncated",
        "lone percent                        | info_hash=%           | truncated",
        "escape cut by the next parameter    | a=%4&b=1              | truncated",
        "not hex                             | a=%zz                 | invalid %-escape",
        "half hex                            | a=%4g                 | invalid %-escape",
        "space raw                           | a=b c                 | invalid character",
        "wide character                      | a=\u20ac              | invalid character",
    })
    void malformed_isARefusal(String what, String raw, String reason) {
        TrackerFailure e = assertThrows(TrackerFailure.class, () -> Query.parse(raw, 4096, 32), what);
        assertThat(what, e.reason(), containsString(reason));
    }

    @Test
    void bounds_queryLengthParamCountAndValueLength() {
        assertThat("query length", assertThrows(TrackerFailure.class,
                () -> Query.parse("a=" + "x".repeat(100), 64, 32)).reason(), containsString("too long"));
        assertThat("param count", assertThrows(TrackerFailure.class,
                () -> Query.parse("a=1&".repeat(33), 4096, 32)).reason(), containsString("too many"));
        assertThat("value length", assertThrows(TrackerFailure.class,
                () -> Query.parse("a=" + "%00".repeat(Query.MAX_VALUE_BYTES + 1), 65536, 32)).reason(),
                containsString("too long"));
        assertThat("exactly at the bounds", Query.parse("a=" + "%00".repeat(Query.MAX_VALUE_BYTES), 65536, 1)
                .single("a").orElseThrow().length, is(Query.MAX_VALUE_BYTES));
    }

    @Test
    void repeated_singleIsARefusal_allKeepsOrder() {
        Query q = Query.parse("info_hash=a&x&&info_hash=b&peer_id=c&peer_id=d", 4096, 32);
        assertThat("all", q.all("info_hash").stream().map(b -> new String(b, StandardCharsets.US_ASCII)).toList(),
                is(List.of("a", "b")));
        assertThat("flag without =", q.single("x").orElseThrow().length, is(0));
        assertThat("repeated", assertThrows(TrackerFailure.class, () -> q.single("peer_id")).reason(),
                containsString("repeated"));
        assertThat("empty pairs are skipped", q.size(), is(5));
    }
}
