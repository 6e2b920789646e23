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

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "ep1.mkv                    | ep1.mkv",
            "A-Z_a-z.0~9                | A-Z_a-z.0~9",
            "a b                        | a%20b",
            "Grüße Welt+1.dat           | Gr%C3%BC%C3%9Fe%20Welt%2B1.dat",
            "a&b=c?d#e:f/g              | a%26b%3Dc%3Fd%23e%3Af%2Fg",
            "50%                        | 50%25",
            "日本                        | %E6%97%A5%E6%9C%AC",
            "'!()*,;@$                  | %27%21%28%29%2A%2C%3B%40%24",
    })
    void onlyUnreservedCharactersStayUpperCaseHexForTheRest(String raw, String encoded) {
        assertThat(raw, Links.encode(raw), is(encoded));
    }

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
    void torrentAndMagnetUrls() {
        assertThat("torrent", Links.torrentUrl(BASE, "Season 1/ep+1.mkv"),
                is("https://films.example.com/shop/torrent/Season%201/ep%2B1.mkv.torrent"));
        assertThat("magnet", Links.magnetUrl(BASE, "x"), is("https://films.example.com/shop/torrent/x.magnet"));
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
