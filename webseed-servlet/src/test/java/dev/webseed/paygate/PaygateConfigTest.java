package dev.webseed.paygate;

import static dev.webseed.paygate.Fixture.FILM;
import static dev.webseed.paygate.Fixture.T0;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.testing.SteppingClock;

final class PaygateConfigTest {
    @TempDir
    Path dir;

    private WebseedConfig config(String... nameValues) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("contentRoot", dir.toString());
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], nameValues[i + 1]);
        }
        return WebseedConfig.fromParameters(params);
    }

    @Test
    void defaultsProtectNothing() {
        WebseedConfig config = config();
        assertThat("protect", config.get(Settings.PAYGATE_PROTECT), is(List.of()));
        assertThat("skew", config.get(Settings.PAYGATE_CLOCK_SKEW), is(Duration.ofMinutes(5)));
        assertThat("grace", config.get(Settings.PAYGATE_GRACE), is(Duration.ofHours(1)));
        assertThat("cache", config.get(Settings.PAYGATE_TOKEN_CACHE_SIZE), is(10_000));
        assertThat("max token", config.get(Settings.PAYGATE_MAX_TOKEN_BYTES), is(1024));
        Paygate paygate = Paygate.fromConfig(config, new SteppingClock(T0));
        assertThat("nothing needs a token", paygate.isPaid("paid/film.mkv"), is(false));
        assertThat("the option name", Settings.PAYGATE_PUBLIC_KEYS.option(), is("--paygate-public-keys"));
    }

    @Test
    void keysRevocationAndProtectionComeFromTheFilesNamed() throws IOException {
        Ed25519PrivateKey shop = Ed25519PrivateKey.generate();
        Path pub = dir.resolve("public.pem");
        PemKeys.writePublicKeys(pub, List.of(Ed25519PrivateKey.generate().publicKey(), shop.publicKey()));
        byte[] secret = HmacKey.generateSecret();
        Path hmac = dir.resolve("hmac.txt");
        Files.writeString(hmac, HmacKey.encode(secret) + "\n");
        SteppingClock clock = new SteppingClock(T0);
        String revokedToken = TokenIssuer.of(shop, clock, 1024).token().subject("refunded")
                .scope(Scope.path("paid")).ttl(Duration.ofHours(1)).issue().token();
        Path revoked = dir.resolve("revoked.txt");
        Files.writeString(revoked, "sub refunded\n");

        Paygate paygate = Paygate.fromConfig(config("paygatePublicKeys", pub.toString(),
                "paygateHmacSecretFile", hmac.toString(), "paygateRevocationFile", revoked.toString(),
                "paygateProtect", "paid/, film.mkv", "paygateMaxTokenBytes", "512"), clock);
        assertThat("three keys", paygate.verifier().keys().kids().size(), is(3));
        assertThat("paid/ protected", paygate.isPaid("paid/x.mkv"), is(true));
        assertThat("film.mkv protected", paygate.isPaid("film.mkv"), is(true));
        assertThat("free not", paygate.isPaid("free.mkv"), is(false));

        String good = TokenIssuer.of(shop, clock, 1024).token().subject("buyer").scope(Scope.path("paid"))
                .ttl(Duration.ofHours(1)).budget(10).issue().token();
        assertThat("Ed25519 token", paygate.verifier().verify(good, Target.path("paid/x.mkv")).isValid(), is(true));
        String hmacToken = TokenIssuer.of(HmacKey.of(secret), clock, 1024).token().subject("buyer")
                .scope(Scope.infoHash(FILM)).ttl(Duration.ofHours(1)).issue().token();
        assertThat("HMAC token", paygate.verifier().verify(hmacToken, Target.infoHash(FILM)).isValid(), is(true));
        assertThat("revoked buyer", ((Verdict.Denied) paygate.verifier().verify(revokedToken, Target.path("paid/x.mkv")))
                .reason(), is(DenialReason.REVOKED));
        assertThat("max token bytes", ((Verdict.Denied) paygate.verifier().verify("a".repeat(513), Target.path("paid")))
                .reason(), is(DenialReason.OVERSIZE));
        paygate.budgets().orElseThrow().charge(((Verdict.Valid) paygate.verifier().verify(good, Target.path("paid/x.mkv")))
                .claims(), 10);
        assertThat("budgets wired", ((Verdict.Denied) paygate.verifier().verify(good, Target.path("paid/x.mkv"))).reason(),
                is(DenialReason.BUDGET_EXHAUSTED));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "paygateProtect        | /abs          | relative content path",
            "paygateProtect        | paid/,*       | stands alone",
            "paygateProtect        | ../up         | relative content path",
            "paygateClockSkew      | 2h            | between",
            "paygateGrace          | 8d            | between",
            "paygateTokenCacheSize | -1            | between",
            "paygateMaxTokenBytes  | 64            | between",
    })
    void badValuesFailNamingTheParameter(String name, String value, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> config(name, value));
        assertThat(e.getMessage(), e.parameter(), is(name));
        assertThat(e.getMessage(), e.getMessage(), containsString(problem));
    }

    @Test
    void missingOrWrongFilesFailNamingTheParameter() throws IOException {
        ConfigException noKey = assertThrows(ConfigException.class,
                () -> Paygate.fromConfig(config("paygateProtect", "*"), new SteppingClock(T0)));
        assertThat(noKey.getMessage(), noKey.parameter(), is("paygateProtect"));

        ConfigException missing = assertThrows(ConfigException.class, () -> Paygate.fromConfig(
                config("paygatePublicKeys", dir.resolve("nope.pem").toString()), new SteppingClock(T0)));
        assertThat(missing.getMessage(), missing.parameter(), is("paygatePublicKeys"));

        Path privateInstead = dir.resolve("private.pem");
        PemKeys.writePrivateKey(privateInstead, Ed25519PrivateKey.generate());
        ConfigException wrong = assertThrows(ConfigException.class, () -> Paygate.fromConfig(
                config("paygatePublicKeys", privateInstead.toString()), new SteppingClock(T0)));
        assertThat(wrong.getMessage(), wrong.getMessage(), containsString("private key"));

        Path badRevocations = dir.resolve("revoked.txt");
        Files.writeString(badRevocations, "nonsense\n");
        ConfigException revocations = assertThrows(ConfigException.class, () -> Paygate.fromConfig(
                config("paygateRevocationFile", badRevocations.toString()), new SteppingClock(T0)));
        assertThat(revocations.getMessage(), revocations.parameter(), is("paygateRevocationFile"));
    }
}
