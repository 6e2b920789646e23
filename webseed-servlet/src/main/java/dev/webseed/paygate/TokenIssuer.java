package dev.webseed.paygate;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Mints tokens: the shop's Java API. Thread-safe; build one per signing key.
 *
 * <pre>{@code
 * TokenIssuer issuer = TokenIssuer.of(PemKeys.readPrivateKey(Path.of("private.pem")));
 * IssuedToken issued = issuer.token()
 *         .subject("order-1234")
 *         .scope(Scope.path("paid/film.mkv"))
 *         .ttl(Duration.ofHours(48))
 *         .budget(3 * filmBytes)
 *         .issue();
 * String url = publicUrl + "torrent/t/" + issued.token() + "/paid/film.mkv.torrent";
 * }</pre>
 */
public final class TokenIssuer {
    private final SigningKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final int maxTokenBytes;

    private TokenIssuer(SigningKey key, Clock clock, int maxTokenBytes) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxTokenBytes = maxTokenBytes;
    }

    /** An issuer on the system clock whose tokens fit the default {@code paygateMaxTokenBytes}. */
    public static TokenIssuer of(SigningKey key) {
        return of(key, Clock.systemUTC(), TokenVerifier.DEFAULT_MAX_TOKEN_BYTES);
    }

    /** @param maxTokenBytes the origins' {@code paygateMaxTokenBytes}; longer tokens are not issued */
    public static TokenIssuer of(SigningKey key, Clock clock, int maxTokenBytes) {
        return new TokenIssuer(key, clock, maxTokenBytes);
    }

    public String kid() {
        return key.kid();
    }

    /** Starts a token. */
    public Builder token() {
        return new Builder();
    }

    /** Collects one token's claims; {@link #issue()} validates and signs. */
    public final class Builder {
        private String subject;
        private final LinkedHashSet<Scope> scopes = new LinkedHashSet<>();
        private Duration ttl;
        private Instant notBefore;
        private long budget = -1;
        private byte[] tokenId;

        private Builder() {
        }

        /** The buyer: 1 to 128 bytes of UTF-8, no control characters, no leading or trailing space. */
        public Builder subject(String subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
            return this;
        }

        public Builder scope(Scope scope) {
            scopes.add(Objects.requireNonNull(scope, "scope"));
            return this;
        }

        public Builder scopes(Collection<Scope> scopes) {
            scopes.forEach(this::scope);
            return this;
        }

        /** How long from now the token is valid; rounded up to whole seconds. */
        public Builder ttl(Duration ttl) {
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** Not valid before this instant (rounded down to a whole second). */
        public Builder notBefore(Instant notBefore) {
            this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
            return this;
        }

        /** Most bytes the origin serves for this token. */
        public Builder budget(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("budget must be positive");
            }
            this.budget = bytes;
            return this;
        }

        /** The token id (16 bytes); random by default. */
        public Builder tokenId(byte[] id) {
            if (id.length != TokenCodec.TOKEN_ID_BYTES) {
                throw new IllegalArgumentException("a token id has " + TokenCodec.TOKEN_ID_BYTES + " bytes");
            }
            this.tokenId = id.clone();
            return this;
        }

        /**
         * Signs the token.
         *
         * @throws IllegalArgumentException for a missing or invalid subject, no scope or more than
         *                                  16, a ttl that is not positive, nbf at or after exp, or
         *                                  a token longer than the origins accept
         */
        public IssuedToken issue() {
            if (subject == null) {
                throw new IllegalArgumentException("subject is required");
            }
            String problem = TokenCodec.subjectProblem(subject);
            if (problem != null) {
                throw new IllegalArgumentException("subject " + problem);
            }
            if (scopes.isEmpty() || scopes.size() > TokenCodec.MAX_SCOPES) {
                throw new IllegalArgumentException("a token needs 1 to " + TokenCodec.MAX_SCOPES + " scopes");
            }
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("ttl must be positive");
            }
            long now = clock.instant().getEpochSecond();
            long ttlSeconds = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
            long exp;
            try {
                exp = Math.addExact(now, ttlSeconds);
            } catch (ArithmeticException e) {
                exp = Long.MAX_VALUE;
            }
            if (exp > TokenCodec.MAX_EPOCH_SECOND) {
                throw new IllegalArgumentException("ttl reaches beyond the year 9999");
            }
            OptionalLong nbf = OptionalLong.empty();
            if (notBefore != null) {
                long value = notBefore.getEpochSecond();
                if (value < 0 || value >= exp) {
                    throw new IllegalArgumentException("notBefore must lie before the expiry");
                }
                nbf = OptionalLong.of(value);
            }
            OptionalLong budgetBytes = budget > 0 ? OptionalLong.of(budget) : OptionalLong.empty();
            byte[] id = tokenId;
            if (id == null) {
                id = new byte[TokenCodec.TOKEN_ID_BYTES];
                random.nextBytes(id);
            }
            List<Scope> scopeList = new ArrayList<>(scopes);
            byte[] payload = TokenCodec.encode(id, subject, scopeList, exp, nbf, budgetBytes);
            String token = sign(key, payload);
            if (token.length() > maxTokenBytes) {
                throw new IllegalArgumentException("the token would have " + token.length()
                        + " characters, more than the " + maxTokenBytes
                        + " origins accept; use fewer or shorter scopes");
            }
            try {
                TokenClaims claims = TokenCodec.decode(payload, key.kid());
                return new IssuedToken(token, claims);
            } catch (TokenCodec.PayloadException e) {
                throw new IllegalStateException("issued an unreadable payload: " + e.getMessage());
            }
        }
    }

    /** {@code kid.payload.signature}, the signature over the ASCII of {@code kid.payload}. */
    static String sign(SigningKey key, byte[] payload) {
        String signed = key.kid() + "." + Base64Url.encode(payload);
        byte[] signature = key.sign(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + Base64Url.encode(signature);
    }

    @Override
    public String toString() {
        return "TokenIssuer[kid=" + key.kid() + "]";
    }
}
