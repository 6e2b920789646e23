package dev.webseed.jetty.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.paygate.HmacKey;
import dev.webseed.paygate.KeyRing;
import dev.webseed.paygate.PemKeys;
import dev.webseed.paygate.Target;
import dev.webseed.paygate.TokenClaims;
import dev.webseed.paygate.TokenVerifier;
import dev.webseed.paygate.Verdict;

final class TokenIssueCommandTest {
    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dir;
    private Path privateKey;
    /** The time every token here is issued and verified at: no test reads the wall clock. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    private TokenVerifier origin;

    @BeforeEach
    void keys() throws Exception {
        assertThat(CliRun.of(KeysGenerateCommand::run, "--out", dir.toString()).exit(), is(0));
        privateKey = dir.resolve("private.pem");
        origin = TokenVerifier.builder(KeyRing.of(PemKeys.readPublicKeys(dir.resolve("public.pem")))).clock(CLOCK).build();
    }

    private static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        return TokenIssueCommand.run(args, out, err, CLOCK);
    }

    private TokenClaims verify(String token, Target target) {
        Verdict verdict = origin.verify(token, target);
        assertThat(verdict.toString(), verdict.isValid(), is(true));
        return ((Verdict.Valid) verdict).claims();
    }

    @Test
    void printsTheTokenThenThePersonalTorrentUrls() {
        CliRun run = CliRun.of(TokenIssueCommandTest::run, "--private-key", privateKey.toString(), "--scope",
                "paid/,Film Night/ép 1.mkv," + HASH, "--ttl", "48h", "--subject", "order-42",
                "--public-url", "https://films.example.com/shop", "--budget", "3g");
        assertThat(run.toString(), run.exit(), is(0));
        List<String> lines = run.outLines();
        String token = lines.get(0);
        assertThat("token alone on the first line", token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"),
                is(true));
        assertThat("one URL per path scope", lines, is(List.of(token,
                "https://films.example.com/shop/torrent/t/" + token + "/paid.torrent",
                "https://films.example.com/shop/torrent/t/" + token + "/Film%20Night/%C3%A9p%201.mkv.torrent")));
        assertThat("info-hash scope explained", run.err(), containsString("info-hash " + HASH
                + ": the shop maps it to its content path"));

        TokenClaims claims = verify(token, Target.path("paid/film.mkv"));
        verify(token, Target.infoHash(InfoHash.fromHex(HASH)));
        verify(token, Target.path("Film Night/ép 1.mkv"));
        assertThat("subject", claims.subject(), is("order-42"));
        assertThat("budget", claims.byteBudget(), is(OptionalLong.of(3L << 30)));
        assertThat("48 h from now", claims.expiresAt(), is(CLOCK.instant().plus(Duration.ofHours(48))));
    }

    @Test
    void withoutPublicUrlTheUrlsAreRelative() {
        CliRun run = CliRun.of(TokenIssueCommandTest::run, "--private-key=" + privateKey, "--scope=film.mkv");
        assertThat(run.toString(), run.exit(), is(0));
        assertThat("relative", run.outLines().get(1), is("torrent/t/" + run.outLines().get(0) + "/film.mkv.torrent"));
        assertThat("says so", run.err(), containsString("pass --public-url"));
        assertThat("default subject", verify(run.outLines().get(0), Target.path("film.mkv")).subject(),
                is("anonymous"));
    }

    @Test
    void hmacSecretFileSignsToo() throws Exception {
        byte[] secret = HmacKey.generateSecret();
        Path file = dir.resolve("hmac.txt");
        Files.writeString(file, HmacKey.encode(secret) + "\n");
        CliRun run = CliRun.of(TokenIssueCommandTest::run, "--hmac-secret-file", file.toString(), "--scope", HASH);
        assertThat(run.toString(), run.exit(), is(0));
        TokenVerifier hmacOrigin = TokenVerifier.builder(KeyRing.of(HmacKey.of(secret))).clock(CLOCK).build();
        assertThat("verifies", hmacOrigin.verify(run.outLines().get(0), Target.infoHash(InfoHash.fromHex(HASH)))
                .isValid(), is(true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no arguments                |                                              | exactly one of",
            "no key                      | --scope paid/                                | exactly one of",
            "both keys                   | --private-key K --hmac-secret-file K --scope x | exactly one of",
            "no scope                    | --private-key K                              | --scope is required",
            "empty scope                 | --private-key K --scope ,                    | 1 to 16 scopes",
            "absolute path               | --private-key K --scope /etc                 | relative content path",
            "bad ttl                     | --private-key K --scope x --ttl soon          | not a duration",
            "zero ttl                    | --private-key K --scope x --ttl 0h            | ttl must be positive",
            "bad budget                  | --private-key K --scope x --budget lots       | not a size",
            "zero budget                 | --private-key K --scope x --budget 0          | budget must be positive",
            "long subject                | --private-key K --scope x --subject SSSS      | 1 to 128 bytes",
            "bad public url              | --private-key K --scope x --public-url ftp://x | http or https",
            "unknown option              | --private-key K --scope x --colour red        | unexpected argument",
            "missing value               | --private-key K --scope                      | needs a value",
            "twice                       | --private-key K --scope x --scope y           | given twice",
    })
    void badArgumentsPrintUsageAndExit2(String name, String line, String problem) {
        String[] args = line == null ? new String[0]
                : line.replace("K", privateKey.toString()).replace("SSSS", "s".repeat(129)).trim().split("\\s+");
        CliRun run = CliRun.of(TokenIssueCommandTest::run, args);
        assertThat(run.toString(), run.exit(), is(2));
        assertThat(run.toString(), run.err(), containsString(problem));
        assertThat("usage", run.err(), containsString("usage: token issue"));
        assertThat("nothing on stdout", run.out(), is(""));
    }

    @Test
    void unreadableKeyExits1() {
        CliRun run = CliRun.of(TokenIssueCommandTest::run, "--private-key", dir.resolve("public.pem").toString(),
                "--scope", "x");
        assertThat(run.toString(), run.exit(), is(1));
        assertThat(run.toString(), run.err(), containsString("cannot read the key"));
    }
}
