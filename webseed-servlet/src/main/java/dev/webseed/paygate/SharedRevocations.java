package dev.webseed.paygate;

import java.util.Set;

/**
 * Revocations shared by several servers (README "Several servers"): an entry made on one server (its revocation
 * file) is in force on every server within the store's poll interval. Implemented by the optional
 * webseed-redis module. Implementations never throw: while the store is away, the last list read
 * stays in force and new entries are sent again later.
 */
public interface SharedRevocations {
    /** True when the token id or the subject was revoked on any server (as last read). */
    boolean isRevoked(String tokenId, String subject);

    /**
     * Enters revocations for every server.
     *
     * @return false when the store did not take them (away): the caller tries again later
     */
    boolean revoke(Set<String> tokenIds, Set<String> subjects);
}
