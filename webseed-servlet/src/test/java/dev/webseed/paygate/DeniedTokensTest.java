package dev.webseed.paygate;

import static dev.webseed.paygate.Fixture.T0;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.sameInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.testing.SteppingClock;

/**
 * A refusal repeated is as cheap as a grant repeated (WebTorrent retries every
 * piece of a 403 web seed each 10 s while the tab is open). Signature checks are counted: a token
 * refused for what it is (forged, unknown key, malformed) is checked once per key ring; what may
 * change (time, revocation, scope, the ring itself) is judged again on every request.
 */
final class DeniedTokensTest {
    @TempDir
    Path dir;

    private static DenialReason reason(Verdict verdict) {
        return verdict instanceof Verdict.Denied denied ? denied.reason() : null;
    }

    private static String forged(Fixture f) {
        return TokenVerifierTest.flip(f.token(), 2, 0);
    }

    @Test
    void aForgedTokenRepeatedIsVerifiedOnce() {
        Fixture f = new Fixture();
        TokenVerifier verifier = f.verifier();
        String forged = forged(f);
        for (int i = 0; i < 50; i++) {
            f.clock.advance(Duration.ofSeconds(10)); // WebTorrent's retry interval
            Target target = Target.path(i % 2 == 0 ? "paid/film.mkv" : "paid/other.mkv");
            assertThat("request " + i, reason(verifier.verify(forged, target)), is(DenialReason.BAD_SIGNATURE));
        }
        assertThat("one signature check for 50 requests", verifier.signatureChecks(), is(1L));
    }

    @Test
    void withTheDeniedCacheOffEveryRepeatIsVerifiedAgain() {
        Fixture f = new Fixture();
        f.deniedCacheSize = 0;
        TokenVerifier verifier = f.verifier();
        String forged = forged(f);
        for (int i = 0; i < 5; i++) {
            assertThat(reason(verifier.verify(forged, Target.path("paid/film.mkv"))), is(DenialReason.BAD_SIGNATURE));
        }
        assertThat(verifier.signatureChecks(), is(5L));
    }

    @Test
    void aCachedDenialIsTheSameAnswerNotANewOne() {
        Fixture f = new Fixture();
        TokenVerifier verifier = f.verifier();
        String unknownKid = new Fixture().token();
        Verdict first = verifier.verify(unknownKid, Target.path("paid/film.mkv"));
        assertThat(reason(first), is(DenialReason.UNKNOWN_KEY));
        assertThat("no allocation on a repeat", verifier.verify(unknownKid, Target.path("paid/a")), sameInstance(first));
    }

    @Test
    void scopeIsJudgedPerRequestFromTheCachedVerificationNotCachedAsADenial() {
        Fixture f = new Fixture(); // scoped to paid/ and the FILM info-hash
        TokenVerifier verifier = f.verifier();
        assertThat(reason(verifier.verify(f.token(), Target.path("free/x"))), is(DenialReason.OUT_OF_SCOPE));
        assertThat("the same token opens its own path", reason(verifier.verify(f.token(),
                Target.path("paid/film.mkv"))), is((DenialReason) null));
        assertThat(reason(verifier.verify(f.token(), Target.path("free/x"))), is(DenialReason.OUT_OF_SCOPE));
        assertThat("verified once for all three", verifier.signatureChecks(), is(1L));
    }

    @Test
    void aFloodOfForgeriesDoesNotEvictAGrantedToken() {
        Fixture f = new Fixture();
        f.cacheSize = 10;
        f.deniedCacheSize = 10;
        TokenVerifier verifier = f.verifier();
        Target film = Target.path("paid/film.mkv");
        assertThat(reason(verifier.verify(f.token(), film)), is((DenialReason) null));
        for (int i = 0; i < 200; i++) {
            assertThat(reason(verifier.verify(TokenVerifierTest.flip(f.token(), 2, i % 64), film)),
                    is(DenialReason.BAD_SIGNATURE));
        }
        long checks = verifier.signatureChecks();
        assertThat(reason(verifier.verify(f.token(), film)), is((DenialReason) null));
        assertThat("the good token is still cached", verifier.signatureChecks(), is(checks));
    }

    @Test
    void theBoundHolds() {
        AtomicInteger parsed = new AtomicInteger();
        KeyRing ring = KeyRing.of();
        DeniedTokens denied = new DeniedTokens(16, (token, keys) -> {
            parsed.incrementAndGet();
            return Verdict.Denied.of(DenialReason.UNKNOWN_KEY);
        });
        for (int i = 0; i < 1000; i++) {
            denied.verdict("kid" + i + ".payload.signature", ring);
        }
        assertThat("at most 16 held", denied.size(), lessThanOrEqualTo(16L));
        assertThat("each distinct token judged", parsed.get(), is(1000));
        for (int i = 0; i < 50; i++) {
            denied.verdict("retried.payload.signature", ring);
        }
        assertThat("a retried token judged once", parsed.get(), is(1001));
    }

    @Test
    void aNewKeyRingDropsEveryDenial() {
        AtomicInteger parsed = new AtomicInteger();
        DeniedTokens denied = new DeniedTokens(16, (token, keys) -> {
            parsed.incrementAndGet();
            return Verdict.Denied.of(DenialReason.UNKNOWN_KEY);
        });
        KeyRing before = KeyRing.of();
        denied.verdict("a.b.c", before);
        denied.verdict("a.b.c", before);
        assertThat(parsed.get(), is(1));
        denied.verdict("a.b.c", KeyRing.of());
        assertThat("judged again against the new ring", parsed.get(), is(2));
        assertThat("the old ring's entry is gone", denied.size(), is(1L));
    }

    /** The key files re-read on the fake clock: a token refused as "unknown key" is let in once its key is added. */
    @Test
    void aKeyReloadLetsAPreviouslyUnknownKidIn() throws IOException {
        SteppingClock clock = new SteppingClock(T0);
        Ed25519PrivateKey shop = Ed25519PrivateKey.generate();
        Ed25519PrivateKey next = Ed25519PrivateKey.generate();
        Path pem = dir.resolve("public.pem");
        PemKeys.writePublicKeys(pem, List.of(shop.publicKey()));
        Files.setLastModifiedTime(pem, FileTime.from(T0));
        KeyFiles keys = new KeyFiles(pem, null, clock, Duration.ofSeconds(1));
        TokenVerifier verifier = TokenVerifier.builder(keys).clock(clock).build();
        String token = TokenIssuer.of(next, clock, 1024).token().subject("buyer").scope(Scope.path("paid/"))
                .ttl(Duration.ofHours(1)).issue().token();
        Target film = Target.path("paid/film.mkv");
        for (int i = 0; i < 3; i++) {
            assertThat(reason(verifier.verify(token, film)), is(DenialReason.UNKNOWN_KEY));
        }

        PemKeys.writePublicKeys(pem, List.of(shop.publicKey(), next.publicKey()));
        Files.setLastModifiedTime(pem, FileTime.from(T0.plusSeconds(5)));
        assertThat("not re-read before the interval", reason(verifier.verify(token, film)),
                is(DenialReason.UNKNOWN_KEY));
        clock.advance(Duration.ofSeconds(1));
        assertThat("let in after the reload", reason(verifier.verify(token, film)), is((DenialReason) null));
        assertThat("and verified once", verifier.signatureChecks(), is(1L));
    }
}
