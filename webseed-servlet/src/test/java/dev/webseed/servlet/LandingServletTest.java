package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /}: the published torrents, public, plain HTML. */
final class LandingServletTest {
    @TempDir
    Path root;

    @Test
    void listsEveryTopLevelTorrentWithLinksAndSwarmCounts() throws Exception {
        try (ViewFixture f = ViewFixture.start(root)) {
            f.announce("data.bin", 1, 1000, 0, "completed");
            HttpResponse<String> response = f.get("");
            assertThat(response.statusCode(), is(200));
            assertThat(response.headers().firstValue("Content-Type").orElse(""), startsWith("text/html"));
            String html = response.body();
            assertThat(html, containsString("3 torrents"));
            assertThat(html, containsString("<a href=\"torrent/data.bin.torrent\">.torrent</a>"));
            assertThat(html, containsString("<a href=\"torrent/multi.magnet\">magnet</a>"));
            assertThat(html, containsString("<td data-label=\"Size\">4.9 KiB</td>")); // big.bin, 5000 bytes
            assertThat(html, containsString("<td data-label=\"Seeders\">1</td>"));
            assertThat(html, containsString("<td data-label=\"Completed\">1</td>"));
            assertThat("nothing needs a script", html, not(containsString("<script")));
            assertThat("the links work", f.get("torrent/data.bin.torrent").statusCode(), is(200));
        }
    }

    @Test
    void namesAreEscaped() throws Exception {
        Files.write(root.resolve("<i>x&y.txt"), new byte[3]);
        try (ViewFixture f = ViewFixture.start(root)) {
            String html = f.get("").body();
            assertThat(html, not(containsString("<i>x")));
            assertThat(html, containsString("&lt;i&gt;x&amp;y.txt"));
        }
    }

    @Test
    void paidPublicationsOnlyWhenTheSettingSaysSo() throws Exception {
        Path keys = Files.createTempDirectory(root.getParent(), "keys");
        Files.writeString(keys.resolve("hmac.txt"), java.util.Base64.getEncoder().encodeToString(SeedFixture.bytes(32, 9)) + "\n");
        Map<String, String> paid = Map.of("paygateProtect", "big.bin",
                "paygateHmacSecretFile", keys.resolve("hmac.txt").toString());
        try (ViewFixture f = ViewFixture.start(root, paid)) {
            String html = f.get("").body();
            assertThat(html, containsString("2 torrents"));
            assertThat(html, not(containsString("big.bin")));
            assertThat("/stats lists it, flagged", f.row(f.stats(), "big.bin").path("paid").asBoolean(), is(true));
        }
        java.util.HashMap<String, String> listed = new java.util.HashMap<>(paid);
        listed.put("landingListPaid", "true");
        try (ViewFixture f = ViewFixture.start(Files.createTempDirectory(root.getParent(), "again"), listed)) {
            assertThat(f.get("").body(), containsString("big.bin"));
        }
    }

    @Test
    void pagesOfLandingPageSize() throws Exception {
        try (ViewFixture f = ViewFixture.start(root, Map.of("landingPageSize", "2"))) {
            String first = f.get("").body();
            String second = f.get("?page=2").body();
            assertThat(first, containsString("page 1 of 2"));
            assertThat(first, containsString("big.bin"));
            assertThat(first, containsString("data.bin"));
            assertThat(first, not(containsString(">multi<")));
            assertThat(second, containsString(">multi<"));
            assertThat(second, not(containsString("big.bin")));
            assertThat("a bad page number is page 1", f.get("?page=x").body(), containsString("page 1 of 2"));
        }
    }
}
