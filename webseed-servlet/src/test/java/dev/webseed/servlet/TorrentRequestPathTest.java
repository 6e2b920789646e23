package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TorrentRequestPathTest {

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
    void decodesEachSegment(String raw, String decoded) throws Exception {
        assertThat(raw, TorrentRequestPath.decode(raw, 4096), is(decoded));
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
    void refusesMalformedOrLongPaths(String raw, int status) {
        TorrentRequestPath.BadPath e = assertThrows(TorrentRequestPath.BadPath.class,
                () -> TorrentRequestPath.decode(raw, 8));
        assertThat(raw, e.status, is(status));
    }
}
