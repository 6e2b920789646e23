package dev.webseed.http;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/protocol.md W9: raw request URI → decoded segments, without a container. */
final class RequestPathTest {
    static Stream<Arguments> decoded() {
        return Stream.of(
                Arguments.of("/ctx/seed/a.bin", List.of("a.bin")),
                Arguments.of("/ctx/seed/multi/Gr%c3%bc%c3%9fe%20Welt%2b1.dat", List.of("multi", "Grüße Welt+1.dat")),
                Arguments.of("/ctx/seed/multi/Gr%C3%BC%C3%9Fe%20Welt%2B1.dat", List.of("multi", "Grüße Welt+1.dat")),
                Arguments.of("/ctx/seed/multi/Gr%C3%BC%C3%9Fe%20Welt+1.dat", List.of("multi", "Grüße Welt+1.dat")),
                Arguments.of("/ctx/seed/multi/Grüße Welt+1.dat", List.of("multi", "Grüße Welt+1.dat")),
                Arguments.of("/ctx/seed/it's%20[x].bin", List.of("it's [x].bin")),
                Arguments.of("/ctx/seed/a;b.bin", List.of("a;b.bin")),
                Arguments.of("/ctx/seed/%F0%9F%8E%AC.mkv", List.of("\uD83C\uDFAC.mkv")),
                Arguments.of("/ctx/seed/%2e%2e/x", List.of("..", "x")), // refused later by ContentRoot
                Arguments.of("/ctx/seed//x", List.of("", "x")),
                Arguments.of("/ctx/seed/", List.of("")),
                Arguments.of("/ctx/seed", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoded")
    void decodesSegmentBySegment(String raw, List<String> segments) {
        RequestPath path = RequestPath.decode(raw, "/ctx", "/seed", 4096);
        assertThat(raw + " " + path, path.ok(), is(true));
        assertThat(raw, path.segments(), is(segments));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("/ctx/seed/a%2Fb", 400),
                Arguments.of("/ctx/seed/a%2fb", 400),
                Arguments.of("/ctx/seed/..%2F..%2Fetc%2Fpasswd", 400),
                Arguments.of("/ctx/seed/a%00b", 400),
                Arguments.of("/ctx/seed/%", 400),
                Arguments.of("/ctx/seed/%4", 400),
                Arguments.of("/ctx/seed/%zz", 400),
                Arguments.of("/ctx/seed/%C3%28", 400),
                Arguments.of("/ctx/seed/%ff", 400),
                Arguments.of("/ctx/seed/%c0%ae%c0%ae", 400), // overlong UTF-8 for ".."
                Arguments.of("/ctx/seed/%ed%a0%80", 400), // a UTF-8-encoded surrogate
                Arguments.of("/other/seed/a", 400),
                Arguments.of("/ctx/other/a", 404),
                Arguments.of("/ctx/seed/" + "x".repeat(4097), 414),
                Arguments.of("/ctx/seed/" + "%41".repeat(4097), 414));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refused")
    void refusesWithAPrecise4xx(String raw, int status) {
        RequestPath path = RequestPath.decode(raw, "/ctx", "/seed", 4096);
        assertThat(raw + " " + path, path.status(), is(status));
        assertThat(raw, path.segments(), is(List.of()));
    }

    @Test
    void limitCountsDecodedBytesBelowTheServlet() {
        String exactly = "/ctx/seed/" + "%41".repeat(64);
        assertThat(RequestPath.decode(exactly, "/ctx", "/seed", 64).ok(), is(true));
        assertThat(RequestPath.decode(exactly + "A", "/ctx", "/seed", 64).status(), is(414));
        assertThat(RequestPath.decode("/ctx/seed/" + "a/".repeat(32) + "b", "/ctx", "/seed", 64).status(), is(414));
    }

    @Test
    void worksAtTheRootContextAndAnyServletMapping() {
        assertThat(RequestPath.decode("/seed/a/b", "", "/seed", 4096).segments(), is(List.of("a", "b")));
        assertThat(RequestPath.decode("/a/b", "", "", 4096).segments(), is(List.of("a", "b")));
        assertThat(RequestPath.decode("/x/web%20seed/a", "/x", "/web seed", 4096).segments(), is(List.of("a")));
        assertThat(RequestPath.decode("/p/q/a", "", "/p/q", 4096).segments(), is(List.of("a")));
    }

    /** The same decoder below the torrent mapping (the cases of the former TorrentRequestPathTest). */
    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "film.mkv                         | film.mkv",
            "Season%201/ep1.mkv               | Season 1/ep1.mkv",
            "Gr%c3%bc%c3%9fe%20Welt%2b1.dat   | Grüße Welt+1.dat",      // libtorrent's lower-case hex (W9)
            "Gr%C3%BC%C3%9Fe%20Welt%2B1.dat   | Grüße Welt+1.dat",      // aria2/Transmission upper case
            "Grüße Welt+1.dat                 | Grüße Welt+1.dat",      // WebTorrent: raw, + is a plus
            "a+b                              | a+b",
            "%2e%2e                           | ..",                    // decoded; ContentRoot refuses it
            "a//b                             | a//b",                  // empty segment kept; ContentRoot refuses it
    })
    void decodesBelowTheTorrentMapping(String raw, String decoded) {
        RequestPath path = RequestPath.decode("/torrent/" + raw, "", "/torrent", 4096);
        assertThat(raw + " " + path, path.ok(), is(true));
        assertThat(raw, path.joined(), is(decoded));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "%ZZ,         400",
            "abc%,        400",
            "abc%4,       400",
            "%C3%28,      400",  // invalid UTF-8
            "%FF,         400",
            "a%2Fb,       400",  // an encoded slash would make a new segment
            "a%00b,       400",
            "aaaaaaaaa,   414",  // 9 bytes, 8 allowed
            "%61%61%61%61%61%61%61%61%61, 414",
    })
    void refusesMalformedOrLongPathsBelowTheTorrentMapping(String raw, int status) {
        RequestPath path = RequestPath.decode("/torrent/" + raw, "", "/torrent", 8);
        assertThat(raw + " " + path, path.status(), is(status));
    }

    @Test
    void aLeadingTokenSegmentIsSplitOff() {
        RequestPath path = RequestPath.decode("/seed/t/tok.en/a/b.bin", "", "/seed", 4096);
        assertThat(path.token(), is("tok.en"));
        assertThat(path.withoutToken().segments(), is(List.of("a", "b.bin")));
        RequestPath plain = RequestPath.decode("/seed/a/t/b.bin", "", "/seed", 4096);
        assertThat(plain.token(), is((String) null));
        assertThat(plain.withoutToken(), is(plain));
        assertThat("the 414 message names the setting", RequestPath.decode("/seed/aa", "", "/seed", 1).reason(),
                is("path longer than 1 bytes (maxPathBytes)"));
    }
}
