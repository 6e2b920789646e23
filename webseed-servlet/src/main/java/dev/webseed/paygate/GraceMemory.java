package dev.webseed.paygate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Which tokens were used while still valid, for {@code paygateGrace}: a download that started
 * before {@code exp} may finish after it. In memory by default; shared by several servers (Redis)
 * so a download started on one server may finish on another.
 */
public interface GraceMemory {
    /** Notes that the token was used successfully before it expired (called once per token and server). */
    void started(TokenClaims claims);

    /** True when the token was used successfully before it expired, on any server sharing this memory. */
    boolean wasStarted(TokenClaims claims);

    /** This server's memory, bounded to {@code maxTokens} token ids (Caffeine). */
    static GraceMemory inMemory(long maxTokens) {
        Cache<String, Boolean> started = Caffeine.newBuilder().maximumSize(maxTokens).build();
        return new GraceMemory() {
            @Override
            public void started(TokenClaims claims) {
                started.put(claims.tokenId(), Boolean.TRUE);
            }

            @Override
            public boolean wasStarted(TokenClaims claims) {
                return started.getIfPresent(claims.tokenId()) != null;
            }
        };
    }
}
