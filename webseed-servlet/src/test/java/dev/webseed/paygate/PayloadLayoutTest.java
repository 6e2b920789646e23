package dev.webseed.paygate;

import static dev.webseed.paygate.Fixture.T0;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import dev.webseed.testing.SteppingClock;

/** The payload bytes are exactly what the package documentation promises; hostile input never throws. */
final class PayloadLayoutTest {

    @Test
    void payloadFollowsTheDocumentedLayoutByteForByte() {
        SteppingClock clock = new SteppingClock(T0);
        IssuedToken issued = TokenIssuer.of(Ed25519PrivateKey.generate(), clock, 1024).token()
                .subject("bob").scope(Scope.infoHash(Fixture.FILM)).scope(Scope.path("paid/"))
                .tokenId(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"))
                .notBefore(T0).ttl(Duration.ofSeconds(256)).budget(0x0102).issue();
        byte[] payload = Base64.getUrlDecoder().decode(issued.token().split("\\.")[1]);
        long exp = T0.getEpochSecond() + 256;
        String expected = "01" + "03"                                 // version 1; flags nbf + budget
                + "000102030405060708090a0b0c0d0e0f"                   // jti
                + String.format("%016x", exp)                          // exp
                + String.format("%016x", T0.getEpochSecond())          // nbf
                + "0000000000000102"                                   // budget
                + "03" + "626f62"                                      // subject "bob"
                + "02"                                                 // two scopes
                + "01" + "01".repeat(20)                               // info-hash
                + "02" + "04" + "70616964";                            // path "paid"
        assertThat("payload", HexFormat.of().formatHex(payload), is(expected));
    }

    @Test
    void garbageNeverThrowsAndIsNeverValid() {
        Fixture f = new Fixture();
        TokenVerifier verifier = f.verifier();
        Random random = new Random(20261122L);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_..=+/%é\u0000 ";
        int refused = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(1100);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Verdict v = verifier.verify(s.toString(), Target.path("paid/film.mkv"));
            refused += v instanceof Verdict.Denied ? 1 : 0;
        }
        assertThat("all random strings refused", refused, is(5_000));
    }

    @Test
    void everySingleCharacterChangeOfAGoodTokenIsRefused() {
        Fixture f = new Fixture();
        TokenVerifier verifier = f.verifier();
        String token = f.token();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        Random random = new Random(7);
        for (int i = 0; i < token.length(); i++) {
            char replacement;
            do {
                replacement = alphabet.charAt(random.nextInt(alphabet.length()));
            } while (replacement == token.charAt(i));
            String mutated = token.substring(0, i) + replacement + token.substring(i + 1);
            Verdict v = verifier.verify(mutated, Target.path("paid/film.mkv"));
            assertThat("position " + i + ": " + mutated, v, instanceOf(Verdict.Denied.class));
        }
    }

    @Test
    void signedButHostilePayloadsAreRefusedNotThrown() {
        Fixture f = new Fixture();
        TokenVerifier verifier = f.verifier();
        Random random = new Random(99);
        for (int i = 0; i < 2_000; i++) {
            byte[] payload = new byte[random.nextInt(120)];
            random.nextBytes(payload);
            if (payload.length > 0) {
                payload[0] = 1; // get past the version byte
            }
            Verdict v = verifier.verify(TokenIssuer.sign(f.signingKey, payload), Target.path("paid/film.mkv"));
            assertThat("payload " + HexFormat.of().formatHex(payload), v.isValid(), is(false));
        }
    }
}
