package dev.webseed.metainfo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;

final class LinksTest {
    private static final URI BASE = URI.create("https://films.example.com/shop/");

    @ParameterizedTest(name = "{0} (multi={1}) -> {2}")
    @CsvSource({
            "ep1.mkv,              false, https://films.example.com/shop/seed/ep1.mkv",
            "Season 1/ep1.mkv,     false, https://films.example.com/shop/seed/Season%201/ep1.mkv",
            "Season 1,             true,  https://films.example.com/shop/seed/",
            "a/b,                  true,  https://films.example.com/shop/seed/a/",
            "a/Grüße/c,            true,  https://films.example.com/shop/seed/a/Gr%C3%BC%C3%9Fe/",
    })
    void singleFilesGetTheFullUrlAndFoldersTheirParentWithASlash(String path, boolean multi, String url) {
        assertThat(path, Links.webseedUrl(BASE, path, multi), is(url));
    }

    @Test
    void torrentUrls() {
        assertThat("torrent", Links.torrentUrl(BASE, "Season 1/ep+1.mkv"),
                is("https://films.example.com/shop/torrent/Season%201/ep%2B1.mkv.torrent"));
        assertThat("personal torrent", Links.torrentUrl(BASE, "Season 1/ep+1.mkv", "tok.en_-"),
                is("https://films.example.com/shop/torrent/t/tok.en_-/Season%201/ep%2B1.mkv.torrent"));
        assertThat("personal webseed", Links.webseedUrl(BASE, "a/b", true, "tok"),
                is("https://films.example.com/shop/seed/t/tok/a/"));
        assertThat("personal announce", Links.announce(WebseedConfig.builder().set(Settings.CONTENT_ROOT,
                Path.of("/srv")).build(), BASE, "tok").orElseThrow(), is("https://films.example.com/shop/announce?token=tok"));
    }

    @Test
    void announceFollowsTheTrackerSettings() {
        WebseedConfig.Builder b = WebseedConfig.builder().set(Settings.CONTENT_ROOT, Path.of("/srv"));
        assertThat("default", Links.announce(b.build(), BASE).orElseThrow(),
                is("https://films.example.com/shop/announce"));
        assertThat("configured", Links.announce(b.parse("announceUrl", "http://t.example/announce?k=1").build(), BASE)
                .orElseThrow(), is("http://t.example/announce?k=1"));
        assertThat("tracker off", Links.announce(b.parse("trackerEnabled", "false").build(), BASE).isPresent(),
                is(false));
    }

    @Test
    void magnetValuesAreFullyEncoded() {
        InfoHash hash = InfoHash.fromHex("0123456789abcdef0123456789ABCDEF01234567");
        String magnet = Links.magnet(hash, "Tom & Jerry?", "http://h:8080/announce?token=a&b",
                List.of("http://h:8080/seed/Tom%20%26%20Jerry%3F"), "http://h:8080/torrent/x.torrent");
        assertThat("magnet", magnet, is("magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567"
                + "&dn=Tom%20%26%20Jerry%3F"
                + "&tr=http%3A%2F%2Fh%3A8080%2Fannounce%3Ftoken%3Da%26b"
                + "&ws=http%3A%2F%2Fh%3A8080%2Fseed%2FTom%2520%2526%2520Jerry%253F"
                + "&xs=http%3A%2F%2Fh%3A8080%2Ftorrent%2Fx.torrent"));
        assertThat("no tracker", Links.magnet(hash, "x", null, List.of(), null),
                is("magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=x"));
    }
}
