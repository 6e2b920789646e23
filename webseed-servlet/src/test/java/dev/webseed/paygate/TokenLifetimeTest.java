package dev.webseed.paygate;

import static dev.webseed.paygate.Fixture.EXP;
import static dev.webseed.paygate.Fixture.FILM;
import static dev.webseed.paygate.Fixture.T0;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clock skew edges, the grace window, and what the cache may and may not remember. */
final class TokenLifetimeTest {
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Duration MS = Duration.ofMillis(1);
    private static final Target FILM_TARGET = Target.infoHash(FILM);

    @TempDir
    Path dir;

    private static DenialReason reason(Verdict verdict) {
        return verdict instanceof Verdict.Denied r ? r.reason() : null;
    }

    @Test
    void expiryEdgeIsExpPlusSkewExclusive() {
        Fixture f = new Fixture();
        TokenVerifier verifier = f.verifier();
        f.clock.set(EXP.plus(SKEW).minus(MS));
        assertThat("1 ms before exp + skew", verifier.verify(f.token(), FILM_TARGET).isValid(), is(true));
        f.clock.set(EXP.plus(SKEW));
        assertThat("at exp + skew", reason(verifier.verify(f.token(), FILM_TARGET)), is(DenialReason.EXPIRED));
    }

    @Test
    void notBeforeEdgeIsNbfMinusSkewInclusive() {
        Fixture f = new Fixture();
        Instant nbf = T0.plus(Duration.ofHours(1));
        String token = f.issuer.token().subject("s").scope(Scope.infoHash(FILM)).notBefore(nbf)
                .ttl(Duration.ofHours(3)).issue().token();
        TokenVerifier verifier = f.verifier();
        f.clock.set(nbf.minus(SKEW).minus(MS));
        assertThat("1 ms before nbf - skew", reason(verifier.verify(token, FILM_TARGET)),
                is(DenialReason.NOT_YET_VALID));
        f.clock.set(nbf.minus(SKEW));
        assertThat("at nbf - skew", verifier.verify(token, FILM_TARGET).isValid(), is(true));
    }

    @Test
    void zeroSkewMeansExactlyExp() {
        Fixture f = new Fixture();
        f.skew = Duration.ZERO;
        TokenVerifier verifier = f.verifier();
        f.clock.set(EXP.minus(MS));
        assertThat("1 ms before exp", verifier.verify(f.token(), FILM_TARGET).isValid(), is(true));
        f.clock.set(EXP);
        assertThat("at exp", reason(verifier.verify(f.token(), FILM_TARGET)), is(DenialReason.EXPIRED));
    }

    @Test
    void graceLetsADownloadInProgressFinish() {
        Fixture f = new Fixture();
        f.grace = Duration.ofHours(1);
        TokenVerifier verifier = f.verifier();
        f.clock.set(EXP.minusSeconds(10));
        assertThat("in use before exp", verifier.verify(f.token(), FILM_TARGET).isValid(), is(true));
        f.clock.set(EXP.plus(SKEW).plus(Duration.ofMinutes(59)));
        assertThat("within grace", verifier.verify(f.token(), FILM_TARGET).isValid(), is(true));
        f.clock.set(EXP.plus(SKEW).plus(Duration.ofHours(1)));
        assertThat("grace over", reason(verifier.verify(f.token(), FILM_TARGET)), is(DenialReason.EXPIRED));
    }

    @Test
    void graceIsNotGivenToATokenFirstSeenAfterExpiry() {
        Fixture f = new Fixture();
        f.grace = Duration.ofHours(1);
        TokenVerifier verifier = f.verifier();
        f.clock.set(EXP.plus(SKEW));
        assertThat("never used while valid", reason(verifier.verify(f.token(), FILM_TARGET)),
                is(DenialReason.EXPIRED));
    }

    @Test
    void graceWorksWithoutTheTokenCache() {
        Fixture f = new Fixture();
        f.grace = Duration.ofHours(1);
        f.cacheSize = 0;
        TokenVerifier verifier = f.verifier();
        assertThat("in use", verifier.verify(f.token(), FILM_TARGET).isValid(), is(true));
        f.clock.set(EXP.plus(SKEW).plus(Duration.ofMinutes(30)));
        assertThat("within grace, no cache", verifier.verify(f.token(), FILM_TARGET).isValid(), is(true));
    }

    @Test
    void graceDoesNotOverrideRevocation() throws IOException {
        Fixture f = new Fixture();
        Path file = dir.resolve("revoked.txt");
        Files.writeString(file, "# nothing yet\n");
        TokenVerifier verifier = TokenVerifier.builder(KeyRing.of(f.signingKey.verificationKey())).clock(f.clock)
                .grace(Duration.ofHours(1)).revocations(RevocationList.watch(file, f.clock)).build();
        f.clock.set(EXP.minusSeconds(1));
        assertThat("in use", verifier.verify(f.token(), FILM_TARGET).isValid(), is(true));
        Files.writeString(file, "jti " + f.issued.claims().tokenId() + "\n");
        Files.setLastModifiedTime(file, FileTime.from(T0.plusSeconds(5)));
        f.clock.set(EXP.plus(SKEW).plus(Duration.ofMinutes(1)));
        assertThat("revoked during grace", reason(verifier.verify(f.token(), FILM_TARGET)),
                is(DenialReason.REVOKED));
    }

    @Test
    void cacheAnswersFromMemoryButExpiryStillBites() {
        Fixture f = new Fixture();
        TokenVerifier verifier = f.verifier();
        Verdict first = verifier.verify(f.token(), FILM_TARGET);
        Verdict second = verifier.verify(f.token(), FILM_TARGET);
        assertThat("same verdict object: a lookup, not a second signature check", second, sameInstance(first));
        assertThat("one signature check for two calls", verifier.signatureChecks(), is(1L));
        assertThat("cached", verifier.cachedTokenId(f.token()).isPresent(), is(true));
        f.clock.set(EXP.plus(SKEW));
        assertThat("cached, yet expired", reason(verifier.verify(f.token(), FILM_TARGET)), is(DenialReason.EXPIRED));
    }

    @Test
    void withoutCacheEveryCallVerifiesAfresh() {
        Fixture f = new Fixture();
        f.cacheSize = 0;
        TokenVerifier verifier = f.verifier();
        Verdict first = verifier.verify(f.token(), FILM_TARGET);
        Verdict second = verifier.verify(f.token(), FILM_TARGET);
        assertThat("both valid", first.isValid() && second.isValid(), is(true));
        assertThat("fresh objects", second, not(sameInstance(first)));
        assertThat("equal claims", second, is(first));
    }

    @Test
    void refusedTokensAreNotCached() {
        Fixture f = new Fixture();
        TokenVerifier verifier = f.verifier();
        String forged = TokenVerifierTest.flip(f.token(), 2, 0);
        verifier.verify(forged, FILM_TARGET);
        verifier.verify("garbage", FILM_TARGET);
        assertThat("the forged token is not among the verified", verifier.cachedTokenId(forged).isEmpty(), is(true));
        assertThat("nor the garbage", verifier.cachedTokenId("garbage").isEmpty(), is(true));
    }

    @Test
    void cachedTokenStopsOnceTheRevocationFileChanges() throws IOException {
        Fixture f = new Fixture();
        Path file = dir.resolve("revoked.txt");
        Files.writeString(file, "");
        Files.setLastModifiedTime(file, FileTime.from(T0));
        RevocationList revocations = RevocationList.watch(file, f.clock);
        TokenVerifier verifier = TokenVerifier.builder(KeyRing.of(f.signingKey.verificationKey())).clock(f.clock)
                .revocations(revocations).build();
        assertThat("valid and cached", verifier.verify(f.token(), FILM_TARGET).isValid(), is(true));

        Files.writeString(file, "sub " + Fixture.SUBJECT + "\n");
        Files.setLastModifiedTime(file, FileTime.from(T0.plusSeconds(3)));
        f.clock.advance(RevocationList.POLL_INTERVAL.minus(MS));
        assertThat("not polled yet (interval not over)", verifier.verify(f.token(), FILM_TARGET).isValid(),
                is(true));
        f.clock.advance(MS);
        assertThat("polled, reloaded, revoked", reason(verifier.verify(f.token(), FILM_TARGET)),
                is(DenialReason.REVOKED));

        Files.writeString(file, "# forgiven\n");
        Files.setLastModifiedTime(file, FileTime.from(T0.plusSeconds(6)));
        f.clock.advance(RevocationList.POLL_INTERVAL);
        assertThat("un-revoked after the next reload", verifier.verify(f.token(), FILM_TARGET).isValid(), is(true));
    }

    @Test
    void budgetIsReadOnEveryUse() {
        Fixture f = new Fixture();
        TokenVerifier verifier = f.verifier();
        TokenClaims claims = f.issued.claims();
        f.budgets.charge(claims, Fixture.BUDGET - 1);
        assertThat("1 byte left", verifier.verify(f.token(), FILM_TARGET).isValid(), is(true));
        f.budgets.charge(claims, 1);
        assertThat("used up", reason(verifier.verify(f.token(), FILM_TARGET)), is(DenialReason.BUDGET_EXHAUSTED));
    }
}
