package dev.webseed.paygate;

import java.time.Instant;

/** A token whose signature and payload checked out; the time-independent part of a verdict. */
final class CheckedToken {
    final Verdict.Valid valid;
    final long nbfMillis;
    final long expMillis;
    /** The key that verified it: the entry holds only while the ring still has this key. */
    final VerificationKey key;
    /** Set once a use succeeded before exp (+ skew): the download started while valid. */
    volatile boolean usedWhileValid;

    CheckedToken(Verdict.Valid valid, VerificationKey key) {
        this.valid = valid;
        this.key = key;
        TokenClaims claims = valid.claims();
        this.nbfMillis = claims.notBefore().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE / 2);
        this.expMillis = claims.expiresAt().toEpochMilli();
    }
}
