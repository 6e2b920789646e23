package dev.webseed.paygate;

import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Bytes the origin actually wrote per token id, against each token's optional byte budget.
 * Thread-safe; memory is bounded by a maximum number of token ids (Caffeine, size-based eviction).
 *
 * <p>The webseed records what it wrote after each response (or each buffer) with {@link #add};
 * the verifier refuses a token whose count has reached its budget, before the next response
 * starts. A response that starts under budget is served whole (a range is never shortened, BEP 19
 * clients drop a seed that does that), so a token can overshoot by at most one response.</p>
 *
 * <p>Counts live in memory: they restart at zero after a restart, are not shared between origin
 * servers, and a token evicted by the size bound starts again from zero. Size the bound above the
 * number of tokens in use at once.</p>
 */
public final class ByteBudgets {
    private final Cache<String, AtomicLong> used;

    /** @param maxTokens most token ids counted at once */
    public ByteBudgets(long maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
        this.used = Caffeine.newBuilder().maximumSize(maxTokens).build();
    }

    /** Adds bytes written for a token; returns the new total. */
    public long add(String tokenId, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        return used.get(tokenId, id -> new AtomicLong()).addAndGet(bytes);
    }

    /** Bytes written for a token so far. */
    public long used(String tokenId) {
        AtomicLong count = used.getIfPresent(tokenId);
        return count == null ? 0 : count.get();
    }

    /** Bytes the token may still start to receive: budget minus used, or Long.MAX_VALUE without a budget. */
    public long remaining(TokenClaims claims) {
        if (claims.byteBudget().isEmpty()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, claims.byteBudget().getAsLong() - used(claims.tokenId()));
    }

    /** Runs pending evictions now (tests). */
    void cleanUp() {
        used.cleanUp();
    }

    /** True when the token has a budget and it is used up. */
    public boolean exhausted(TokenClaims claims) {
        return claims.byteBudget().isPresent() && used(claims.tokenId()) >= claims.byteBudget().getAsLong();
    }
}
