package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

/** What an access log may write of a request target: never a token. */
final class AccessLogMaskTest {
    static final String TOKEN = "eyJhbGciOiJFZERTQSJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl";

    @Test
    void tokenSegmentsAndParametersAreMasked() {
        String[][] table = {
            {"/seed/t/" + TOKEN + "/paid/film.bin", null, "/seed/t/***/paid/film.bin"},
            {"/torrent/t/" + TOKEN + "/paid/film.bin.torrent", null, "/torrent/t/***/paid/film.bin.torrent"},
            {"/films/seed/t/" + TOKEN + "/paid/", null, "/films/seed/t/***/paid/"},
            {"/seed/%74/" + TOKEN + "/x", null, "/seed/%74/***/x"},
            {"/seed/t;jsessionid=1/" + TOKEN + "/x", null, "/seed/t;jsessionid=1/***/x"},
            {"/seed/t/" + TOKEN, null, "/seed/t/***"},
            {"/announce", "info_hash=%aa&token=" + TOKEN + "&port=1", "/announce?info_hash=%aa&token=***&port=1"},
            {"/announce", "tok%65n=" + TOKEN, "/announce?tok%65n=***"},
            {"/scrape", "token=" + TOKEN + "&token=" + TOKEN, "/scrape?token=***&token=***"},
            {"/seed/t/" + TOKEN + "/x", "token=" + TOKEN, "/seed/t/***/x?token=***"},
            {"/seed/free/film.bin", null, "/seed/free/film.bin"},
            {"/seed/free/film.bin", "a=b", "/seed/free/film.bin?a=b"},
        };
        for (String[] row : table) {
            String masked = AccessLogMask.mask(row[0], row[1]);
            assertThat(row[0] + " ? " + row[1], masked, is(row[2]));
            assertThat(masked, not(containsString(TOKEN)));
        }
    }

    @Test
    void aTIsFollowedByOneMaskedSegmentOnly() {
        assertThat(AccessLogMask.mask("/seed/t/t/x", null), is("/seed/t/***/x"));
        assertThat(AccessLogMask.mask("/seed/free/t", null), is("/seed/free/t"));
        assertThat(AccessLogMask.mask("/seed/t/", null), is("/seed/t/***"));
    }
}
