package dev.webseed.paygate;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import dev.webseed.metainfo.InfoHash;

/**
 * What a verified token says (the payload of {@link dev.webseed.paygate}, plus the key id it was
 * signed with). Times have whole-second precision, as transmitted.
 *
 * @param version    payload layout version (1)
 * @param keyId      the kid of the key that signed it
 * @param tokenId    the {@code jti}: 16 random bytes as 32 lower-case hex digits; the key of
 *                   revocation and byte budgets
 * @param subject    the buyer, as the shop named them (1 to 128 bytes of UTF-8)
 * @param scopes     what it opens (1 to 16 entries)
 * @param expiresAt  {@code exp}: not valid from this instant on (plus clock skew and grace)
 * @param notBefore  {@code nbf}: not valid before this instant (minus clock skew), if set
 * @param byteBudget most bytes the origin serves for this token, if limited
 */
public record TokenClaims(int version, String keyId, String tokenId, String subject, List<Scope> scopes,
        Instant expiresAt, Optional<Instant> notBefore, OptionalLong byteBudget) {
    public TokenClaims {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(subject, "subject");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(byteBudget, "byteBudget");
    }

    /**
     * The claims a token carries, read WITHOUT checking its key, signature or times: for tools that
     * must name a token whose key they do not hold ({@code token revoke}). Grants nothing.
     *
     * @throws IllegalArgumentException with the paygate's reason when it is not a token
     */
    public static TokenClaims unverified(String token) {
        try {
            TokenParts parts = TokenParts.split(token);
            return TokenCodec.decode(parts.payload(), parts.kid());
        } catch (TokenCodec.PayloadException e) {
            throw new IllegalArgumentException(e.reason.text() + (e.getMessage().isEmpty() ? "" : ": " + e.getMessage()));
        }
    }

    /** The info-hashes among the scopes (the paygate checks them against its publications). */
    public Set<InfoHash> infoHashScopes() {
        Set<InfoHash> hashes = new HashSet<>(2);
        for (Scope scope : scopes) {
            if (scope instanceof Scope.OfInfoHash byHash) {
                hashes.add(byHash.hash());
            }
        }
        return hashes;
    }

    /** True when one of the scopes covers the target. */
    public boolean covers(Target target) {
        for (Scope scope : scopes) {
            if (scope.covers(target)) {
                return true;
            }
        }
        return false;
    }
}
