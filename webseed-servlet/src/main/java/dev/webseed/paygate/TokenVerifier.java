package dev.webseed.paygate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Checks tokens before any byte range, {@code .torrent} or peer list is served. Thread-safe; build
 * one per web application.
 *
 * <p>Order of checks: size, shape and encoding; kid; signature over {@code kid.payload} as
 * transmitted; payload version and layout; {@code nbf}; {@code exp} (with clock skew, then grace);
 * revocation; scope; byte budget. The first four are done once per token string and cached
 * (Caffeine, bounded); the rest run on every call, so an expired, revoked or exhausted token stops
 * at once even when cached. Only tokens with a valid signature are cached: garbage cannot evict
 * good entries. A token refused in the first four is remembered apart ({@link DeniedTokens}), so
 * a repeated forgery costs a lookup too. Nothing a client sends makes this throw.</p>
 */
public final class TokenVerifier {
    /** Default {@code paygateMaxTokenBytes}. */
    public static final int DEFAULT_MAX_TOKEN_BYTES = 1024;
    /** Default {@code paygateTokenCacheSize} and {@code paygateDeniedTokenCacheSize}. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    private final Supplier<KeyRing> keys;
    private final Clock clock;
    private final long skewMillis;
    private final long graceMillis;
    private final int maxTokenBytes;
    private final RevocationList revocations;
    private final BudgetReserver budgets;
    private final Cache<String, CheckedToken> cache;
    private final DeniedTokens denied;
    /** Signatures checked (a counter for tests: a repeated token must not be checked again). */
    private final LongAdder signatureChecks = new LongAdder();
    /** Token ids used while valid, for the grace window; kept apart so it works without the cache. */
    private final GraceMemory started;

    private TokenVerifier(Builder b) {
        this.keys = Objects.requireNonNull(b.keys, "keys");
        this.clock = b.clock;
        this.skewMillis = b.clockSkew.toMillis();
        this.graceMillis = b.grace.toMillis();
        this.maxTokenBytes = b.maxTokenBytes;
        this.revocations = b.revocations;
        this.budgets = b.budgets;
        this.cache = b.cacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(b.cacheSize).build();
        this.denied = new DeniedTokens(b.deniedCacheSize, this::parse);
        this.started = graceMillis == 0 ? null
                : b.graceMemory != null ? b.graceMemory : GraceMemory.inMemory(Math.max(b.cacheSize, 1024));
    }

    public static Builder builder(KeyRing keys) {
        Objects.requireNonNull(keys, "keys");
        return new Builder(() -> keys);
    }

    /** A verifier whose keys may change while it runs (key files re-read on change, {@link KeyFiles}). */
    static Builder builder(Supplier<KeyRing> keys) {
        return new Builder(keys);
    }

    /**
     * Checks a token for a request. A null or empty token is {@link DenialReason#MISSING}.
     *
     * @param token  the token as it arrived (path segment or {@code token=} query value, decoded)
     * @param target what the request wants, for the scope check
     */
    public Verdict verify(String token, Target target) {
        return verify(token, target, true);
    }

    /** {@link #verify}, with the byte budget checked last only when {@code budget} is true. */
    Verdict verify(String token, Target target, boolean budget) {
        Objects.requireNonNull(target, "target");
        if (token == null || token.isEmpty()) {
            return Verdict.Denied.of(DenialReason.MISSING);
        }
        if (token.length() > maxTokenBytes) {
            return new Verdict.Denied(DenialReason.OVERSIZE, token.length() + " > " + maxTokenBytes + " characters");
        }
        KeyRing ring = keys.get();
        CheckedToken entry = cache == null ? null : cache.getIfPresent(token);
        if (entry != null && ring.get(entry.valid.claims().keyId()) != entry.key) {
            cache.invalidate(token); // its key was removed or replaced since (rotation)
            entry = null;
        }
        if (entry == null) {
            Verdict parsed = denied.verdict(token, ring); // parse(token, ring), or the denial it gave before
            if (parsed instanceof Verdict.Denied refused) {
                return refused;
            }
            Verdict.Valid valid = (Verdict.Valid) parsed;
            entry = new CheckedToken(valid, ring.get(valid.claims().keyId()));
            if (cache != null) {
                CheckedToken raced = cache.asMap().putIfAbsent(token, entry);
                entry = raced != null ? raced : entry;
            }
        }
        return check(entry, target, budget, clock.millis());
    }

    /** Shape, kid, signature and payload, independent of time: Valid with the claims, or Denied. */
    private Verdict parse(String token, KeyRing keys) {
        TokenParts parts;
        try {
            parts = TokenParts.split(token);
        } catch (TokenCodec.PayloadException e) {
            return Verdict.Denied.of(e.reason);
        }
        String kid = parts.kid();
        VerificationKey key = keys.get(kid);
        if (key == null) {
            return new Verdict.Denied(DenialReason.UNKNOWN_KEY, "kid " + kid);
        }
        // the signature covers the transmitted characters of kid.payload, never a re-encoding
        int signedLength = parts.signedLength();
        byte[] signed = new byte[signedLength];
        for (int i = 0; i < signedLength; i++) {
            signed[i] = (byte) token.charAt(i);
        }
        signatureChecks.increment();
        if (!key.verify(signed, signedLength, parts.signature())) {
            return Verdict.Denied.of(DenialReason.BAD_SIGNATURE);
        }
        try {
            return new Verdict.Valid(TokenCodec.decode(parts.payload(), kid));
        } catch (TokenCodec.PayloadException e) {
            return new Verdict.Denied(e.reason, e.getMessage());
        }
    }

    private Verdict check(CheckedToken entry, Target target, boolean budget, long now) {
        if (now < entry.nbfMillis - skewMillis) {
            return new Verdict.Denied(DenialReason.NOT_YET_VALID, "from " + Instant.ofEpochMilli(entry.nbfMillis));
        }
        long end = entry.expMillis + skewMillis;
        boolean inGrace = false;
        if (now >= end) {
            // a download that started while the token was valid may finish (see package docs)
            if (started != null && now < end + graceMillis
                    && (entry.usedWhileValid || started.wasStarted(entry.valid.claims()))) {
                inGrace = true;
            } else {
                return new Verdict.Denied(DenialReason.EXPIRED, "at " + Instant.ofEpochMilli(entry.expMillis));
            }
        }
        TokenClaims claims = entry.valid.claims();
        if (revocations.isRevoked(claims)) {
            return Verdict.Denied.of(DenialReason.REVOKED);
        }
        if (!claims.covers(target)) {
            return Verdict.Denied.of(DenialReason.OUT_OF_SCOPE);
        }
        if (budget && budgets != null && budgets.exhausted(claims)) {
            return Verdict.Denied.of(DenialReason.BUDGET_EXHAUSTED);
        }
        if (!inGrace && !entry.usedWhileValid) {
            entry.usedWhileValid = true;
            if (started != null) {
                started.started(claims);
            }
        }
        return entry.valid;
    }

    /**
     * The token id of a token whose signature already checked out (it is in the cache), for logs:
     * refusals are logged with the kid and this id, never the token. Verifies nothing.
     */
    public Optional<String> cachedTokenId(String token) {
        CheckedToken entry = cache == null || token == null ? null : cache.getIfPresent(token);
        return entry == null ? Optional.empty() : Optional.of(entry.valid.claims().tokenId());
    }

    public KeyRing keys() {
        return keys.get();
    }

    /** The claims of a token whose signature checks out (time and scope not checked), else empty. */
    Optional<TokenClaims> signedClaims(String token) {
        CheckedToken entry = cache == null || token == null ? null : cache.getIfPresent(token);
        KeyRing ring = keys.get();
        Verdict verdict = entry != null && ring.get(entry.valid.claims().keyId()) == entry.key ? entry.valid
                : token == null || token.length() > maxTokenBytes ? null : denied.verdict(token, ring);
        return verdict instanceof Verdict.Valid valid ? Optional.of(valid.claims()) : Optional.empty();
    }

    /** The byte counters this verifier reads, or null when budgets are not enforced. */
    BudgetReserver budgets() {
        return budgets;
    }

    /** Signatures checked so far (tests). */
    long signatureChecks() {
        return signatureChecks.sum();
    }

    /** Configures a verifier; defaults match the settings' defaults. */
    public static final class Builder {
        private final Supplier<KeyRing> keys;
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofMinutes(5);
        private Duration grace = Duration.ofHours(1);
        private int maxTokenBytes = DEFAULT_MAX_TOKEN_BYTES;
        private long cacheSize = DEFAULT_CACHE_SIZE;
        private long deniedCacheSize = DEFAULT_CACHE_SIZE;
        private RevocationList revocations = RevocationList.empty();
        private BudgetReserver budgets;
        private GraceMemory graceMemory;

        private Builder(Supplier<KeyRing> keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Allowance for clock disagreement, applied to both nbf and exp ({@code paygateClockSkew}). */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = nonNegative(skew, "clockSkew");
            return this;
        }

        /** How long after exp a token already in use keeps working ({@code paygateGrace}); zero: off. */
        public Builder grace(Duration grace) {
            this.grace = nonNegative(grace, "grace");
            return this;
        }

        /** Longest token read ({@code paygateMaxTokenBytes}). */
        public Builder maxTokenBytes(int chars) {
            if (chars < 16) {
                throw new IllegalArgumentException("maxTokenBytes must be at least 16");
            }
            this.maxTokenBytes = chars;
            return this;
        }

        /** Most verified tokens cached ({@code paygateTokenCacheSize}); 0 verifies every call afresh. */
        public Builder cacheSize(long size) {
            this.cacheSize = size(size, "cacheSize");
            return this;
        }

        /** Most refused tokens remembered ({@code paygateDeniedTokenCacheSize}); 0 checks every refusal afresh. */
        public Builder deniedCacheSize(long size) {
            this.deniedCacheSize = size(size, "deniedCacheSize");
            return this;
        }

        public Builder revocations(RevocationList revocations) {
            this.revocations = Objects.requireNonNull(revocations, "revocations");
            return this;
        }

        /** Enforce byte budgets against these counters (which the webseed charges through a {@link Budget}). */
        public Builder budgets(BudgetReserver budgets) {
            this.budgets = Objects.requireNonNull(budgets, "budgets");
            return this;
        }

        /** Remember tokens used while valid here (shared by several servers); default: this server's memory. */
        public Builder graceMemory(GraceMemory memory) {
            this.graceMemory = Objects.requireNonNull(memory, "memory");
            return this;
        }

        public TokenVerifier build() {
            return new TokenVerifier(this);
        }

        private static long size(long size, String name) {
            if (size < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return size;
        }

        private static Duration nonNegative(Duration d, String name) {
            if (Objects.requireNonNull(d, name).isNegative() || d.compareTo(Duration.ofDays(365)) > 0) {
                throw new IllegalArgumentException(name + " must be between 0 and 365 days");
            }
            return d;
        }
    }
}
