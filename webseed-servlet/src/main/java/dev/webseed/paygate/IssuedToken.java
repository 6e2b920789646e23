package dev.webseed.paygate;

import java.util.Objects;

/**
 * A freshly minted token and what it says.
 *
 * @param token  the token text, {@code kid.payload.signature}, safe as one URL path segment
 * @param claims its claims, e.g. {@code claims().tokenId()} for the shop's records and revocation
 */
public record IssuedToken(String token, TokenClaims claims) {
    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(claims, "claims");
    }

    @Override
    public String toString() {
        return token;
    }
}
