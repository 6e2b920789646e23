package dev.webseed.bencode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class BencodeWriterTest {

    static Stream<Arguments> canonical() {
        return Stream.of(
                Arguments.of(BInteger.of(0), "i0e"),
                Arguments.of(BInteger.of(-7), "i-7e"),
                Arguments.of(BInteger.of(Long.MIN_VALUE), "i-9223372036854775808e"),
                Arguments.of(BString.of(""), "0:"),
                Arguments.of(BString.of("spam"), "4:spam"),
                Arguments.of(BString.of("é"), "2:\u00c3\u00a9"),
                Arguments.of(BList.of(), "le"),
                Arguments.of(BList.of(BString.of("a"), BInteger.of(1)), "l1:ai1ee"),
                Arguments.of(BDict.builder().build(), "de"),
                // BEP 3: keys sorted as raw strings: upper case before lower case, bytes >= 0x80 last
                Arguments.of(BDict.builder().put("b", 1).put("a", 2).put("B", 3).put("é", 4).put("a b", 5).build(),
                        "d1:Bi3e1:ai2e3:a bi5e1:bi1e2:\u00c3\u00a9i4ee"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("canonical")
    void writesTheCanonicalEncoding(BValue value, String expected) {
        assertThat(expected, new String(BencodeWriter.encode(value), StandardCharsets.ISO_8859_1), is(expected));
    }

    @Test
    void aDictBuiltFromAnyOrderedMapIsWrittenInRawByteOrder() {
        TreeMap<BString, BValue> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.put(BString.of("a"), BInteger.of(1));
        reversed.put(BString.of("b"), BInteger.of(2));
        String encoded = new String(BencodeWriter.encode(new BDict(reversed)), StandardCharsets.ISO_8859_1);
        assertThat("keys re-sorted whatever the source map's comparator", encoded, is("d1:ai1e1:bi2ee"));
    }
}
