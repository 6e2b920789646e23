package dev.webseed.paygate;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.testing.SteppingClock;

/** One shop key, one good token and a verifier whose surroundings a test may change first. */
final class Fixture {
    static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
    static final Duration TTL = Duration.ofHours(48);
    static final Instant EXP = T0.plus(TTL);
    static final InfoHash FILM = hash(1);
    static final InfoHash OTHER = hash(2);
    static final String SUBJECT = "buyer-1";
    static final long BUDGET = 1000;

    final SteppingClock clock = new SteppingClock(T0);
    final SigningKey signingKey;
    final TokenIssuer issuer;
    final IssuedToken issued;
    final Set<String> revokedIds = new HashSet<>();
    final Set<String> revokedSubjects = new HashSet<>();
    final ByteBudgets budgets = new ByteBudgets(100);
    Duration skew = Duration.ofMinutes(5);
    Duration grace = Duration.ZERO;
    long cacheSize = 100;
    long deniedCacheSize = 100;

    Fixture() {
        this(Ed25519PrivateKey.generate());
    }

    Fixture(SigningKey key) {
        this.signingKey = key;
        this.issuer = TokenIssuer.of(key, clock, TokenVerifier.DEFAULT_MAX_TOKEN_BYTES);
        this.issued = issuer.token().subject(SUBJECT).scope(Scope.infoHash(FILM)).scope(Scope.path("paid/"))
                .ttl(TTL).budget(BUDGET).issue();
    }

    String token() {
        return issued.token();
    }

    TokenVerifier verifier(VerificationKey... extraKeys) {
        VerificationKey[] all = Arrays.copyOf(extraKeys, extraKeys.length + 1);
        all[extraKeys.length] = signingKey.verificationKey();
        return TokenVerifier.builder(KeyRing.of(all)).clock(clock).clockSkew(skew).grace(grace)
                .cacheSize(cacheSize).deniedCacheSize(deniedCacheSize)
                .revocations(RevocationList.of(revokedIds, revokedSubjects))
                .budgets(budgets).build();
    }

    static InfoHash hash(int seed) {
        byte[] b = new byte[InfoHash.LENGTH];
        Arrays.fill(b, (byte) seed);
        return InfoHash.of(b);
    }
}
