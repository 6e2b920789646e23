package dev.webseed.jetty.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.webseed.config.Setting;
import dev.webseed.config.Settings;

final class ServeArgumentsTest {
    @Test
    void noOptions_servesDotContentOnLoopback8080() throws Exception {
        ServeOptions options = ServeArguments.parse();
        assertThat("host", options.host(), is("127.0.0.1"));
        assertThat("port", options.port(), is(8080));
        assertThat("content root", options.config().contentRoot(), is(Path.of("content")));
        assertThat("default root flagged", options.defaultContentRoot(), is(true));
        assertThat("tracker on", options.config().get(Settings.TRACKER_ENABLED), is(true));
    }

    @Test
    void designOptions_areTaken() throws Exception {
        ServeOptions options = ServeArguments.parse("--content-root", "/srv/films", "--port", "0",
                "--host", "::1", "--public-url", "https://films.example.com");
        assertThat("host", options.host(), is("::1"));
        assertThat("port", options.port(), is(0));
        assertThat("root", options.config().contentRoot(), is(Path.of("/srv/films")));
        assertThat("explicit root", options.defaultContentRoot(), is(false));
        assertThat("base URL gets its slash", options.config().get(Settings.PUBLIC_URL),
                is(URI.create("https://films.example.com/")));
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                // arguments                                  setting                         value
                Arguments.of(List.of("--numwant-max=80"), Settings.NUMWANT_MAX, 80),
                Arguments.of(List.of("--numwant-max", "80"), Settings.NUMWANT_MAX, 80),
                Arguments.of(List.of("--announce-interval", "2h"), Settings.ANNOUNCE_INTERVAL, Duration.ofHours(2)),
                Arguments.of(List.of("--peer-timeout", "PT90S"), Settings.PEER_TIMEOUT, Duration.ofSeconds(90)),
                Arguments.of(List.of("--piece-length", "256k"), Settings.PIECE_LENGTH, 262144L),
                Arguments.of(List.of("--private-torrents"), Settings.PRIVATE_TORRENTS, true),
                Arguments.of(List.of("--prehash", "false"), Settings.PREHASH, false),
                Arguments.of(List.of("--tracker-enabled=false"), Settings.TRACKER_ENABLED, false),
                Arguments.of(List.of("--trusted-proxies", "10.0.0.1, 192.168.0.0/16"), Settings.TRUSTED_PROXIES,
                        List.of("10.0.0.1", "192.168.0.0/16")),
                Arguments.of(List.of("--cors-allow-origin="), Settings.CORS_ALLOW_ORIGIN, ""));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void settingOption_isParsedByItsSetting(List<String> args, Setting<?> setting, Object expected)
            throws Exception {
        ServeOptions options = ServeArguments.parse(args.toArray(String[]::new));
        assertThat(String.join(" ", args), options.config().get(setting), is(expected));
    }

    @Test
    void everySetting_isAnOption() throws Exception {
        for (Setting<?> setting : Settings.all()) {
            String value = setting.defaultText().startsWith("(") ? sample(setting) : setting.defaultText();
            ServeOptions options = ServeArguments.parse(setting.option(), value);
            assertThat(setting.option(), options.config().isSet(setting), is(true));
        }
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // arguments                               the message names
                Arguments.of(List.of("--frobnicate", "1"), "unknown option --frobnicate"),
                Arguments.of(List.of("--content-rot", "x"), "did you mean --content-root?"),
                Arguments.of(List.of("--numwant-max", "lots"), "--numwant-max: parameter 'numwantMax'"),
                Arguments.of(List.of("--numwant-max", "100000"), "parameter 'numwantMax': must be between"),
                Arguments.of(List.of("--prehash", "yes"), "parameter 'prehash': must be true or false"),
                Arguments.of(List.of("--piece-length", "1000"), "parameter 'pieceLength'"),
                Arguments.of(List.of("--public-url", "ftp://x/"), "parameter 'publicUrl'"),
                Arguments.of(List.of("--numwant-default", "60", "--numwant-max", "50"),
                        "--numwant-default: parameter 'numwantDefault'"),
                Arguments.of(List.of("--announce-interval", "90s"),
                        "--announce-min-interval: parameter 'announceMinInterval': must not exceed"),
                Arguments.of(List.of("--port", "65536"), "invalid --port"),
                Arguments.of(List.of("--port", "http"), "invalid --port"),
                Arguments.of(List.of("--port"), "option --port needs a value"),
                Arguments.of(List.of("--content-root"), "option --content-root needs a value"),
                Arguments.of(List.of("--host", ""), "invalid --host"),
                Arguments.of(List.of("--port", "1", "--port=2"), "option --port is given twice"),
                Arguments.of(List.of("content"), "unexpected argument 'content'"),
                Arguments.of(List.of("-p", "80"), "unexpected argument '-p'"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void badCommandLine_isRefusedNamingTheParameter(List<String> args, String message) {
        UsageException e = assertThrows(UsageException.class, () -> ServeArguments.parse(args.toArray(String[]::new)));
        assertThat(String.join(" ", args), e.getMessage(), containsString(message));
    }

    private static String sample(Setting<?> setting) {
        if (setting == Settings.REDIS_URL) {
            return "redis://127.0.0.1:6379/0";
        }
        if (setting.type() == Path.class) {
            return "/tmp/x";
        }
        if (setting.type() == URI.class) {
            return "http://example.com/";
        }
        if (setting.type() == List.class) {
            return "10.0.0.1";
        }
        if (setting.type() == Integer.class) {
            return "4";
        }
        if (setting.type() == String.class) {
            return "sample";
        }
        throw new AssertionError("no sample value for " + setting.name() + " of " + setting.type());
    }
}
