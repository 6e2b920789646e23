package dev.webseed.bencode;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class BencodeReaderTest {
    private static final BencodeLimits TIGHT = new BencodeLimits(64, 8, 3, 2, 5);

    static Stream<Arguments> rejected() {
        return Stream.of(
                // input, offset reported, words in the message
                Arguments.of("i03e", 0, "leading zero"),
                Arguments.of("i-03e", 0, "leading zero"),
                Arguments.of("i-0e", 0, "negative zero"),
                Arguments.of("ie", 0, "empty integer"),
                Arguments.of("i-e", 0, "empty integer"),
                Arguments.of("i+1e", 1, "bad integer digit"),
                Arguments.of("i1xe", 2, "bad integer digit"),
                Arguments.of("i9223372036854775808e", 0, "outside 64 bits"),
                Arguments.of("i-9223372036854775809e", 0, "outside 64 bits"),
                Arguments.of("i99999999999999999999999e", 0, "outside 64 bits"),
                Arguments.of("i12", 3, "unexpected end"),
                Arguments.of("", 0, "unexpected end"),
                Arguments.of("l", 1, "unexpected end"),
                Arguments.of("li1e", 4, "unexpected end"),
                Arguments.of("d1:a", 4, "unexpected end"),
                Arguments.of("5:abc", 0, "past the end"),
                Arguments.of("03:abc", 0, "leading zero in string length"),
                Arguments.of("3abc", 1, "bad string length digit"),
                Arguments.of(":abc", 0, "unexpected byte"),
                Arguments.of("x", 0, "unexpected byte"),
                Arguments.of("i1ei2e", 3, "trailing bytes"),
                Arguments.of("1:ae", 3, "trailing bytes"),
                Arguments.of("d1:ai1e1:ai2ee", 7, "duplicate dictionary key"),
                Arguments.of("di1ei2ee", 1, "not a byte string"),
                Arguments.of("dli1eei2ee", 1, "not a byte string"),
                Arguments.of("d1:ae", 4, "unexpected byte"));
    }

    @ParameterizedTest(name = "{0} is rejected at offset {1}: {2}")
    @MethodSource("rejected")
    void malformedInputIsATypedErrorWithItsOffset(String input, int offset, String words) {
        BencodeException e = assertThrows(BencodeException.class, () -> BencodeReader.decode(ascii(input)));
        assertThat(input, e.offset(), is((long) offset));
        assertThat(input, e.getMessage(), containsString(words));
    }

    static Stream<Arguments> overLimits() {
        return Stream.of(
                Arguments.of("llllee" + "ee", 3, "maxDepth"),          // 4 levels, 3 allowed
                Arguments.of("li1ei2ei3ee", 7, "maxEntries"),          // 3 elements, 2 allowed
                Arguments.of("d1:ai1e1:bi2e1:ci3ee", 13, "maxEntries"),
                Arguments.of("ll1:a1:bel1:c1:dee", 10, "maxValues"),   // 7 values, 5 allowed
                Arguments.of("9:abcdefghi", 0, "maxStringBytes"),      // 9 bytes, 8 allowed
                Arguments.of("l" + "i1e".repeat(21) + "e", 0, "maxInputBytes")); // 65 bytes, 64 allowed
    }

    @ParameterizedTest(name = "{0} is over {2}")
    @MethodSource("overLimits")
    void everyLimitIsEnforcedWithItsOffset(String input, int offset, String limit) {
        BencodeException e = assertThrows(BencodeException.class,
                () -> BencodeReader.decode(ascii(input), TIGHT));
        assertThat(input, e.getMessage(), containsString(limit));
        assertThat(input, e.offset(), is((long) offset));
    }

    @Test
    void valuesAtTheLimitsAreAccepted() {
        assertThat("3 levels", BencodeReader.decode(ascii("llleee"), TIGHT), instanceOf(BList.class));
        assertThat("8-byte string", BencodeReader.decode(ascii("8:abcdefgh"), TIGHT),
                is(BString.of("abcdefgh")));
        assertThat("extremes of 64 bits", BencodeReader.decode(ascii("li9223372036854775807ei-9223372036854775808ee")),
                is(BList.of(BInteger.of(Long.MAX_VALUE), BInteger.of(Long.MIN_VALUE))));
        assertThat("zero", BencodeReader.decode(ascii("i0e")), is(BInteger.of(0)));
        assertThat("empty string", BencodeReader.decode(ascii("0:")), is(BString.of("")));
    }

    @Test
    void hugeDeclaredLengthsFailBeforeAllocating() {
        // with default limits the header alone is refused
        BencodeException e = assertThrows(BencodeException.class,
                () -> BencodeReader.decode(ascii("2147483647:abc")));
        assertThat("refused by maxStringBytes", e.getMessage(), containsString("maxStringBytes"));
        // even when the caller allows any length, the reader compares with the bytes present
        BencodeLimits open = new BencodeLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, 64, 1 << 20, 1 << 20);
        e = assertThrows(BencodeException.class, () -> BencodeReader.decode(ascii("2147483647:abc"), open));
        assertThat("no allocation, past the end", e.getMessage(), containsString("past the end"));
        // a length with more digits than any long never overflows
        e = assertThrows(BencodeException.class, () -> BencodeReader.decode(ascii("9".repeat(40) + ":"), open));
        assertThat("length digits stop at the limit", e.getMessage(), containsString("maxStringBytes"));
    }

    @Test
    void deepNestingIsStoppedBeforeTheStack() {
        byte[] deep = ascii("l".repeat(1_000_000));
        BencodeException e = assertThrows(BencodeException.class, () -> BencodeReader.decode(deep));
        assertThat("stops at the default depth", e.getMessage(), containsString("maxDepth 64"));
        assertThat("at the first level too deep", e.offset(), is(64L));
        byte[] deepDict = ascii("d1:a".repeat(100_000));
        assertThrows(BencodeException.class, () -> BencodeReader.decode(deepDict));
    }

    @Test
    void roundTripsKeepBytesExactly() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        BDict dict = BDict.builder()
                .put("bin", binary)
                .put("n", -42)
                .put("list", BList.of(BString.of("x"), BInteger.of(0), BList.of(), BDict.builder().build()))
                .put("unicode", "Grüße Welt+1")
                .build();
        byte[] encoded = BencodeWriter.encode(dict);
        BValue decoded = BencodeReader.decode(encoded);
        assertThat("decodes to the same value", decoded, is(dict));
        assertArrayEquals(encoded, BencodeWriter.encode(decoded), "re-encodes to the same bytes");
        assertArrayEquals(binary, ((BDict) decoded).string("bin").orElseThrow().bytes(), "binary kept");
    }

    @Test
    void unsortedKeysAreReadAndRawValueGivesTheInfoBytesAsFound() throws Exception {
        // keys out of order at both levels, as some tools write them
        String info = "d6:pieces20:AAAAAAAAAAAAAAAAAAAA4:name3:abc12:piece lengthi16384e6:lengthi3ee";
        byte[] torrent = ascii("d4:info" + info + "8:announce9:http://x/e");
        byte[] raw = BencodeReader.rawValue(torrent, "info");
        assertArrayEquals(ascii(info), raw, "exact source bytes, not a canonical re-encoding");
        byte[] reencoded = BencodeWriter.encode(((BDict) BencodeReader.decode(torrent)).dict("info").orElseThrow());
        assertThat("re-encoding would sort the keys", new String(reencoded, StandardCharsets.US_ASCII).startsWith(
                "d6:lengthi3e"), is(true));
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        assertThat("the info-hash differs from a re-encoding's",
                MessageDigest.isEqual(sha1.digest(raw), sha1.digest(reencoded)), is(false));
    }

    @Test
    void rawValueRefusesWhatIsNotThere() {
        BencodeException missing = assertThrows(BencodeException.class,
                () -> BencodeReader.rawValue(ascii("d4:name1:xe"), "info"));
        assertThat("missing key named", missing.getMessage(), containsString("no key \"info\""));
        assertThrows(BencodeException.class, () -> BencodeReader.rawValue(ascii("li1ee"), "info"));
        assertThrows(BencodeException.class, () -> BencodeReader.rawValue(ascii("d4:infoi1e"), "info"));
        assertThrows(BencodeException.class, () -> BencodeReader.rawValue(ascii("d4:infoi1ee "), "info"));
    }

    @Test
    void keysOfADictAreComparedAsUnsignedBytes() {
        BString high = BString.of(new byte[] {(byte) 0xc3});
        BString low = BString.of("z");
        assertThat("0xc3 sorts after z", high.compareTo(low) > 0, is(true));
        BDict dict = (BDict) BencodeReader.decode(ascii("d1:z" + "i1e" + "1:Ai2e" + "e"));
        assertThat("A before z", List.copyOf(dict.entries().keySet()), is(List.of(BString.of("A"), low)));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
