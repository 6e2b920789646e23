package dev.webseed.paygate;

import static dev.webseed.paygate.Fixture.FILM;
import static dev.webseed.paygate.Fixture.T0;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import dev.webseed.testing.SteppingClock;

final class TokenIssuerTest {
    private final SteppingClock clock = new SteppingClock(T0);
    private final TokenIssuer issuer = TokenIssuer.of(Ed25519PrivateKey.generate(), clock, 1024);

    static Stream<Arguments> badTokens() {
        UnaryOperator<TokenIssuer.Builder> good = b -> b.subject("s").scope(Scope.infoHash(FILM))
                .ttl(Duration.ofHours(1));
        return Stream.of(
                Arguments.of("no subject", (UnaryOperator<TokenIssuer.Builder>) b -> b.scope(Scope.infoHash(FILM))
                        .ttl(Duration.ofHours(1)), "subject is required"),
                Arguments.of("empty subject", chain(good, b -> b.subject("")), "1 to 128 bytes"),
                Arguments.of("129-byte subject", chain(good, b -> b.subject("x".repeat(129))), "1 to 128 bytes"),
                Arguments.of("subject with newline", chain(good, b -> b.subject("a\nb")), "control characters"),
                Arguments.of("subject with outer space", chain(good, b -> b.subject(" a")), "begin or end"),
                Arguments.of("no scope", (UnaryOperator<TokenIssuer.Builder>) b -> b.subject("s")
                        .ttl(Duration.ofHours(1)), "1 to 16 scopes"),
                Arguments.of("17 scopes", chain(good, b -> {
                    for (int i = 2; i < 19; i++) {
                        b.scope(Scope.infoHash(Fixture.hash(i)));
                    }
                    return b;
                }), "1 to 16 scopes"),
                Arguments.of("no ttl", (UnaryOperator<TokenIssuer.Builder>) b -> b.subject("s")
                        .scope(Scope.infoHash(FILM)), "ttl must be positive"),
                Arguments.of("zero ttl", chain(good, b -> b.ttl(Duration.ZERO)), "ttl must be positive"),
                Arguments.of("negative ttl", chain(good, b -> b.ttl(Duration.ofSeconds(-1))), "ttl must be positive"),
                Arguments.of("ttl past year 9999", chain(good, b -> b.ttl(Duration.ofDays(3_000_000))), "9999"),
                Arguments.of("nbf at exp", chain(good, b -> b.notBefore(T0.plus(Duration.ofHours(1)))),
                        "notBefore must lie before"),
                Arguments.of("too long for the origins", chain(good, b -> {
                    for (int i = 0; i < 5; i++) {
                        b.scope(Scope.path(i + "x".repeat(200)));
                    }
                    return b;
                }), "more than the 1024"));
    }

    private static UnaryOperator<TokenIssuer.Builder> chain(UnaryOperator<TokenIssuer.Builder> a,
            UnaryOperator<TokenIssuer.Builder> b) {
        return x -> b.apply(a.apply(x));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void invalidInputIsRefusedWithAReason(String name, UnaryOperator<TokenIssuer.Builder> setup, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> setup.apply(issuer.token()).issue());
        assertThat(e.getMessage(), e.getMessage(), containsString(problem));
    }

    @Test
    void builderRefusesNonsenseAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> issuer.token().budget(0));
        assertThrows(IllegalArgumentException.class, () -> issuer.token().tokenId(new byte[15]));
    }

    @Test
    void ttlIsRoundedUpToWholeSeconds() {
        IssuedToken t = issuer.token().subject("s").scope(Scope.infoHash(FILM)).ttl(Duration.ofMillis(1)).issue();
        assertThat("exp", t.claims().expiresAt(), is(T0.plusSeconds(1)));
    }

    @Test
    void tokenIdMayBeChosenAndIsRandomOtherwise() {
        byte[] id = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        IssuedToken chosen = issuer.token().subject("s").scope(Scope.infoHash(FILM)).ttl(Duration.ofHours(1))
                .tokenId(id).issue();
        assertThat("chosen", chosen.claims().tokenId(), is("00112233445566778899aabbccddeeff"));
        String a = issuer.token().subject("s").scope(Scope.infoHash(FILM)).ttl(Duration.ofHours(1)).issue()
                .claims().tokenId();
        String b = issuer.token().subject("s").scope(Scope.infoHash(FILM)).ttl(Duration.ofHours(1)).issue()
                .claims().tokenId();
        assertThat("random ids differ", a.equals(b), is(false));
    }

    @Test
    void typicalTokensAreShort() {
        IssuedToken ed = issuer.token().subject("order-1234").scope(Scope.infoHash(FILM)).ttl(Duration.ofHours(48))
                .issue();
        IssuedToken hmac = TokenIssuer.of(HmacKey.of(HmacKey.generateSecret()), clock, 1024).token()
                .subject("order-1234").scope(Scope.infoHash(FILM)).ttl(Duration.ofHours(48)).issue();
        assertThat("Ed25519, one info-hash (package docs say 178)", ed.token().length(), is(178));
        assertThat("HMAC, one info-hash (package docs say 135)", hmac.token().length(), is(135));
        assertThat("sixteen hashes still fit 1024", issuer.token().subject("order-1234").scopes(
                java.util.stream.IntStream.range(0, 16).mapToObj(i -> Scope.infoHash(Fixture.hash(i))).toList())
                .ttl(Duration.ofHours(48)).issue().token().length(), lessThanOrEqualTo(1024));
    }
}
