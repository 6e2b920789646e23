package dev.webseed.paygate;

import static dev.webseed.paygate.Fixture.EXP;
import static dev.webseed.paygate.Fixture.FILM;
import static dev.webseed.paygate.Fixture.OTHER;
import static dev.webseed.paygate.Fixture.T0;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TokenVerifierTest {
    private static final Target FILM_PATH = Target.path("paid/film.mkv");

    /** Every failure mode, each by one mutation of a good token or of its surroundings. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                row("no token at all", f -> null, FILM_PATH, DenialReason.MISSING),
                row("empty token", f -> "", FILM_PATH, DenialReason.MISSING),
                row("1025 characters", f -> "a".repeat(1025), FILM_PATH, DenialReason.OVERSIZE),
                row("good token padded past the limit", f -> f.token() + "A".repeat(1024), FILM_PATH,
                        DenialReason.OVERSIZE),
                row("two parts", f -> f.token().substring(0, f.token().lastIndexOf('.')), FILM_PATH,
                        DenialReason.MALFORMED),
                row("four parts", f -> f.token() + ".AAAA", FILM_PATH, DenialReason.MALFORMED),
                row("empty kid", f -> f.token().substring(f.token().indexOf('.')), FILM_PATH,
                        DenialReason.MALFORMED),
                row("empty payload", f -> part(f, 0) + ".." + part(f, 2), FILM_PATH, DenialReason.MALFORMED),
                row("trailing dot", f -> f.token() + ".", FILM_PATH, DenialReason.MALFORMED),
                row("padding '='", f -> f.token() + "==", FILM_PATH, DenialReason.BAD_ENCODING),
                row("standard alphabet '+'", f -> swapLast(f.token(), '+'), FILM_PATH, DenialReason.BAD_ENCODING),
                row("percent escape", f -> part(f, 0) + ".%41" + part(f, 1) + "." + part(f, 2), FILM_PATH,
                        DenialReason.BAD_ENCODING),
                row("non-ASCII letter", f -> part(f, 0) + "." + part(f, 1) + "é." + part(f, 2), FILM_PATH,
                        DenialReason.BAD_ENCODING),
                row("impossible length (4n+1)", f -> part(f, 0) + "." + part(f, 1) + "." + part(f, 2) + "AAA",
                        FILM_PATH, DenialReason.BAD_ENCODING),
                row("non-canonical trailing bits", f -> nonCanonical(f.token()), FILM_PATH,
                        DenialReason.BAD_ENCODING),
                row("unknown kid", f -> "AAAAAAAAAAA." + part(f, 1) + "." + part(f, 2), FILM_PATH,
                        DenialReason.UNKNOWN_KEY),
                row("token of a key the server does not hold",
                        f -> new Fixture().token(), FILM_PATH, DenialReason.UNKNOWN_KEY),
                row("signature byte flipped", f -> flip(f.token(), 2, 5), FILM_PATH, DenialReason.BAD_SIGNATURE),
                row("payload byte flipped", f -> flip(f.token(), 1, 20), FILM_PATH, DenialReason.BAD_SIGNATURE),
                row("signature truncated", f -> part(f, 0) + "." + part(f, 1) + "."
                        + Base64Url.encode(new byte[63]), FILM_PATH, DenialReason.BAD_SIGNATURE),
                row("signature of another payload", f -> part(f, 0) + "." + part(f, 1) + "."
                        + part(f.issuer.token().subject("x").scope(Scope.infoHash(FILM)).ttl(Duration.ofDays(9))
                                .issue().token(), 2), FILM_PATH, DenialReason.BAD_SIGNATURE),
                row("signed, version 2", f -> signed(f, withByte(payload(f), 0, 2)), FILM_PATH,
                        DenialReason.UNSUPPORTED_VERSION),
                row("signed, trailing byte", f -> signed(f, append(payload(f), 0)), FILM_PATH,
                        DenialReason.BAD_PAYLOAD),
                row("signed, unknown flag", f -> signed(f, withByte(payload(f), 1, 0x82)), FILM_PATH,
                        DenialReason.BAD_PAYLOAD),
                row("signed, truncated", f -> signed(f, java.util.Arrays.copyOf(payload(f), 30)), FILM_PATH,
                        DenialReason.BAD_PAYLOAD),
                row("expired", f -> {
                    f.clock.set(EXP.plus(Duration.ofHours(1)));
                    return f.token();
                }, FILM_PATH, DenialReason.EXPIRED),
                row("not yet valid", f -> f.issuer.token().subject("b").scope(Scope.infoHash(FILM))
                        .notBefore(T0.plus(Duration.ofHours(1))).ttl(Duration.ofHours(2)).issue().token(),
                        Target.infoHash(FILM), DenialReason.NOT_YET_VALID),
                row("other info-hash", f -> f.token(), Target.infoHash(OTHER), DenialReason.OUT_OF_SCOPE),
                row("path outside the prefix", f -> f.token(), Target.path("free/film.mkv"),
                        DenialReason.OUT_OF_SCOPE),
                row("prefix without its boundary", f -> f.token(), Target.path("paidfoo/x"),
                        DenialReason.OUT_OF_SCOPE),
                row("revoked token id", f -> {
                    f.revokedIds.add(f.issued.claims().tokenId());
                    return f.token();
                }, FILM_PATH, DenialReason.REVOKED),
                row("revoked buyer", f -> {
                    f.revokedSubjects.add(Fixture.SUBJECT);
                    return f.token();
                }, FILM_PATH, DenialReason.REVOKED),
                row("budget used up", f -> {
                    f.budgets.charge(f.issued.claims(), Fixture.BUDGET);
                    return f.token();
                }, FILM_PATH, DenialReason.BUDGET_EXHAUSTED));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("refusals")
    void everyFailureModeHasItsOwnReason(String name, Function<Fixture, String> mutation, Target target,
            DenialReason expected) {
        Fixture f = new Fixture();
        String token = mutation.apply(f);
        Verdict verdict = f.verifier().verify(token, target);
        assertThat(name, verdict, instanceOf(Verdict.Denied.class));
        Verdict.Denied refused = (Verdict.Denied) verdict;
        assertThat(refused.message(), refused.reason(), is(expected));
        assertThat("message starts with the reason's text", refused.message().startsWith(expected.text()), is(true));
    }

    @Test
    void theUnmutatedTokenIsValidForEveryRowsTarget() {
        // the control for the table: without the mutation the same token passes
        Fixture f = new Fixture();
        TokenVerifier verifier = f.verifier();
        for (Target target : new Target[] {FILM_PATH, Target.infoHash(FILM), Target.path("paid"),
                Target.path("free/x.mkv", FILM)}) {
            assertThat(target.toString(), verifier.verify(f.token(), target).isValid(), is(true));
        }
    }

    @Test
    void ed25519RoundTripKeepsEveryClaim() {
        roundTrip(Ed25519PrivateKey.generate());
    }

    @Test
    void hmacRoundTripKeepsEveryClaim() {
        roundTrip(HmacKey.of(HmacKey.generateSecret()));
    }

    private static void roundTrip(SigningKey key) {
        Fixture f = new Fixture(key);
        IssuedToken issued = f.issuer.token().subject("Jürgen <j@example.com>").scope(Scope.parse("paid/"))
                .scope(Scope.parse(FILM.hex())).ttl(Duration.ofMinutes(90)).notBefore(T0.minusSeconds(60))
                .budget(3L << 30).issue();
        Verdict verdict = f.verifier().verify(issued.token(), FILM_PATH);
        assertThat(verdict.toString(), verdict, instanceOf(Verdict.Valid.class));
        TokenClaims claims = ((Verdict.Valid) verdict).claims();
        assertThat("claims survive the trip", claims, is(issued.claims()));
        assertThat("subject", claims.subject(), is("Jürgen <j@example.com>"));
        assertThat("kid", claims.keyId(), is(key.kid()));
        assertThat("exp", claims.expiresAt(), is(T0.plus(Duration.ofMinutes(90))));
        assertThat("nbf", claims.notBefore().orElseThrow(), is(T0.minusSeconds(60)));
        assertThat("budget", claims.byteBudget(), is(OptionalLong.of(3L << 30)));
        assertThat("token id is 32 hex", claims.tokenId().matches("[0-9a-f]{32}"), is(true));
        assertThat("one URL path segment", issued.token().matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"),
                is(true));
    }

    @Test
    void twoLiveKeysBothVerifyDuringRotation() {
        Fixture oldShop = new Fixture();
        Fixture newShop = new Fixture(Ed25519PrivateKey.generate());
        HmacKey hmac = HmacKey.of(HmacKey.generateSecret());
        String hmacToken = TokenIssuer.of(hmac, oldShop.clock, 1024).token().subject("h")
                .scope(Scope.infoHash(FILM)).ttl(Duration.ofHours(1)).issue().token();
        TokenVerifier origin = oldShop.verifier(newShop.signingKey.verificationKey(), hmac);
        assertThat("old key", origin.verify(oldShop.token(), FILM_PATH).isValid(), is(true));
        assertThat("new key", origin.verify(newShop.token(), FILM_PATH).isValid(), is(true));
        assertThat("hmac key", origin.verify(hmacToken, Target.infoHash(FILM)).isValid(), is(true));
        TokenVerifier retired = newShop.verifier();
        assertThat("old key retired", ((Verdict.Denied) retired.verify(oldShop.token(), FILM_PATH)).reason(),
                is(DenialReason.UNKNOWN_KEY));
    }

    // --- helpers -------------------------------------------------------------------------------

    private static Arguments row(String name, Function<Fixture, String> mutation, Target target,
            DenialReason expected) {
        return Arguments.of(name, mutation, target, expected);
    }

    static String part(Fixture f, int i) {
        return part(f.token(), i);
    }

    @Test
    void unverifiedClaims_readATokenWithoutItsKey_andNameWhatIsNoToken() {
        Fixture f = new Fixture();
        assertThat("the claims the issuer signed", TokenClaims.unverified(f.token()), is(f.issued.claims()));
        assertThat(assertThrows(IllegalArgumentException.class, () -> TokenClaims.unverified("abc")).getMessage(),
                is(DenialReason.MALFORMED.text()));
        assertThat(assertThrows(IllegalArgumentException.class, () -> TokenClaims.unverified(f.token() + "=="))
                .getMessage(), is(DenialReason.BAD_ENCODING.text()));
        String badPayload = signed(f, withByte(payload(f), 1, 0x80));
        assertThat(assertThrows(IllegalArgumentException.class, () -> TokenClaims.unverified(badPayload))
                .getMessage(), is(DenialReason.BAD_PAYLOAD.text() + ": unknown flags"));
    }

    static String part(String token, int i) {
        return token.split("\\.", -1)[i];
    }

    static byte[] payload(Fixture f) {
        return Base64.getUrlDecoder().decode(part(f, 1));
    }

    static String signed(Fixture f, byte[] payload) {
        return TokenIssuer.sign(f.signingKey, payload);
    }

    static String flip(String token, int partIndex, int byteIndex) {
        String[] parts = token.split("\\.");
        byte[] bytes = Base64.getUrlDecoder().decode(parts[partIndex]);
        bytes[byteIndex] ^= 0x01;
        parts[partIndex] = Base64Url.encode(bytes);
        return String.join(".", parts);
    }

    private static byte[] withByte(byte[] bytes, int index, int value) {
        bytes[index] = (byte) value;
        return bytes;
    }

    private static byte[] append(byte[] bytes, int value) {
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        longer[bytes.length] = (byte) value;
        return longer;
    }

    private static String swapLast(String token, char c) {
        return token.substring(0, token.length() - 1) + c;
    }

    /** The Ed25519 signature is 86 characters (4 spare bits in the last); set one of them. */
    private static String nonCanonical(String token) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        return swapLast(token, alphabet.charAt(alphabet.indexOf(last) | 1));
    }
}
