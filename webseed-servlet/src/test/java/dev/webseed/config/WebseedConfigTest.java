package dev.webseed.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class WebseedConfigTest {

    @Test
    void defaultsApplyWhenOnlyTheRootIsGiven() {
        WebseedConfig config = WebseedConfig.fromParameters(Map.of("contentRoot", "/srv/films"));
        assertThat("root", config.contentRoot(), is(Path.of("/srv/films")));
        assertThat("cache", config.cacheDir(), is(Path.of("/srv/films/.webseed")));
        assertThat("numwant", config.get(Settings.NUMWANT_MAX), is(50));
        assertThat("tracker", config.get(Settings.TRACKER_ENABLED), is(true));
        assertThat("publicUrl is derived, so absent", config.find(Settings.PUBLIC_URL).isPresent(), is(false));
    }

    @Test
    void valuesAreParsedByType() {
        WebseedConfig config = WebseedConfig.fromParameters(Map.of(
                "contentRoot", "/srv", "publicUrl", "https://films.example.com/ctx", "pieceLength", "256k",
                "announceInterval", "20m", "peerTimeout", "PT1H", "trustedProxies", "10.0.0.0/8, 192.0.2.1",
                "trackerOpen", "true"));
        assertThat("base URL gains its slash", config.get(Settings.PUBLIC_URL),
                is(URI.create("https://films.example.com/ctx/")));
        assertThat("size suffix", config.get(Settings.PIECE_LENGTH), is(262144L));
        assertThat("duration suffix", config.get(Settings.ANNOUNCE_INTERVAL), is(Duration.ofMinutes(20)));
        assertThat("ISO duration", config.get(Settings.PEER_TIMEOUT), is(Duration.ofHours(1)));
        assertThat("list", config.get(Settings.TRUSTED_PROXIES), is(List.of("10.0.0.0/8", "192.0.2.1")));
        assertThat("boolean", config.get(Settings.TRACKER_OPEN), is(true));
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("trackerOpen", "yes", "must be true or false"),
                Arguments.of("trackerOpen", "", "must be true or false"),
                Arguments.of("pieceLength", "300000", "power of two"),
                Arguments.of("pieceLength", "8k", "between"),
                Arguments.of("pieceLength", "99999999999999999999g", "too large"),
                Arguments.of("numwantMax", "-1", "between 0 and 10000"),
                Arguments.of("numwantMax", "fifty", "whole number"),
                Arguments.of("announceInterval", "1s", "between"),
                Arguments.of("announceInterval", "soon", "duration"),
                Arguments.of("publicUrl", "ftp://x/", "http or https"),
                Arguments.of("publicUrl", "/relative", "http or https"),
                Arguments.of("publicUrl", "http://x/?a=b", "without query"),
                Arguments.of("announceUrl", "not a url", "http or https"),
                Arguments.of("contentRoot", "", "must name a folder"),
                Arguments.of("webseedMaxRate", "fast", "rate such as 12MB"),
                Arguments.of("webseedMaxRate", "12furlongs", "unknown unit"),
                Arguments.of("webseedMaxRate", "1k", "between 16000"),
                Arguments.of("webseedMaxRate", "-5MB", "rate such as"));
    }

    static Stream<Arguments> rates() {
        return Stream.of(
                Arguments.of("0", 0L),
                Arguments.of("0MB", 0L),
                Arguments.of("12MB", 12_000_000L),
                Arguments.of("12.5MB/s", 12_500_000L),
                Arguments.of("100mbit", 12_500_000L),
                Arguments.of("1gbit", 125_000_000L),
                Arguments.of("800kB", 800_000L),
                Arguments.of("12MiB", 12L << 20),
                Arguments.of("20000", 20_000L));
    }

    @ParameterizedTest(name = "webseedMaxRate={0}")
    @MethodSource("rates")
    void ratesAreBytesPerSecondWithNetworkUnits(String text, long bytesPerSecond) {
        WebseedConfig config = WebseedConfig.fromParameters(Map.of("contentRoot", "/srv", "webseedMaxRate", text));
        assertThat(config.get(Settings.WEBSEED_MAX_RATE), is(bytesPerSecond));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void badValueFailsNamingTheParameter(String name, String value, String problem) {
        Map<String, String> params = new LinkedHashMap<>(Map.of("contentRoot", "/srv"));
        params.put(name, value);
        ConfigException e = assertThrows(ConfigException.class, () -> WebseedConfig.fromParameters(params));
        assertThat(e.getMessage(), e.parameter(), is(name));
        assertThat(e.getMessage(), e.getMessage(), containsString(problem));
    }

    @Test
    void unknownNameFailsWithAHint() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> WebseedConfig.fromParameters(Map.of("contentRoot", "/srv", "numwantMx", "5")));
        assertThat(e.getMessage(), e.parameter(), is("numwantMx"));
        assertThat(e.getMessage(), e.getMessage(), containsString("did you mean 'numwantMax'"));
    }

    @Test
    void missingRootFails() {
        ConfigException e = assertThrows(ConfigException.class, () -> WebseedConfig.fromParameters(Map.of()));
        assertThat(e.getMessage(), e.parameter(), is("contentRoot"));
    }

    @Test
    void settingsThatMustFitTogetherAreChecked() {
        ConfigException numwant = assertThrows(ConfigException.class, () -> WebseedConfig.fromParameters(
                Map.of("contentRoot", "/srv", "numwantDefault", "80", "numwantMax", "50")));
        assertThat(numwant.getMessage(), numwant.parameter(), is("numwantDefault"));
        ConfigException interval = assertThrows(ConfigException.class, () -> WebseedConfig.fromParameters(
                Map.of("contentRoot", "/srv", "announceInterval", "60s", "announceMinInterval", "5m")));
        assertThat(interval.getMessage(), interval.parameter(), is("announceMinInterval"));
    }

    @Test
    void theThreeSpellingsAreDerivedFromOneName() {
        Setting<?> s = Settings.named("maxPeersPerTorrent").orElseThrow();
        assertThat("option", s.option(), is("--max-peers-per-torrent"));
        assertThat("property", s.property(), is("webseed.maxPeersPerTorrent"));
        assertThat("lookup by option", Settings.forOption("--max-peers-per-torrent").orElseThrow(), is(s));
    }

    @Test
    void everySettingIsDocumentedAndItsDefaultParses() {
        Set<String> options = new HashSet<>();
        for (Setting<?> s : Settings.all()) {
            assertThat(s.name() + " described", s.description().isBlank(), is(false));
            assertThat(s.name() + " option unique", options.add(s.option()), is(true));
            if (s.defaultValue().isPresent() && s.type() != List.class && !(s.defaultValue().get() instanceof Path)) {
                String text = s.defaultText();
                if (!text.startsWith("(") && !text.equals("auto") && !text.equals("*")) {
                    assertThat(s.name() + " default text parses to the default", s.parse(text),
                            is(s.defaultValue().get()));
                }
            }
        }
    }

    @Test
    void closestFindsTyposButNotStrangers() {
        assertThat("case", Settings.closest("contentroot").orElseThrow(), is("contentRoot"));
        assertThat("one edit", Settings.closest("trackerEnabeld").orElseThrow(), is("trackerEnabled"));
        assertThat("another library's parameter", Settings.closest("log4jConfiguration").isPresent(), is(false));
    }
}
