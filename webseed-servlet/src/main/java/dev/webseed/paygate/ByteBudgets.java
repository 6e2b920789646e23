package dev.webseed.paygate;

import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The in-memory {@link BudgetReserver} of one server: bytes reserved per token id against each
 * token's optional byte budget, exact within this server (a compare-and-set per reservation never
 * grants past the budget, whatever the number of parallel connections). Memory is bounded by a
 * maximum number of token ids (Caffeine, size-based eviction).
 *
 * <p>Counts live in memory: they restart at zero after a restart, are not shared between origin
 * servers, and a token evicted by the size bound starts again from zero. Size the bound above the
 * number of tokens in use at once.</p>
 */
public final class ByteBudgets implements BudgetReserver {
    private final Cache<String, AtomicLong> used;

    /** @param maxTokens most token ids counted at once */
    public ByteBudgets(long maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
        this.used = Caffeine.newBuilder().maximumSize(maxTokens).build();
    }

    @Override
    public long reserve(TokenClaims claims, long bytes) {
        requireNonNegative(bytes);
        if (claims.byteBudget().isEmpty()) {
            return bytes;
        }
        long budget = claims.byteBudget().getAsLong();
        AtomicLong count = used.get(claims.tokenId(), id -> new AtomicLong());
        while (true) {
            long before = count.get();
            long granted = Math.max(0, Math.min(bytes, budget - before));
            if (granted == 0 || count.compareAndSet(before, before + granted)) {
                return granted;
            }
        }
    }

    @Override
    public void release(TokenClaims claims, long bytes) {
        requireNonNegative(bytes);
        AtomicLong count = claims.byteBudget().isEmpty() ? null : used.getIfPresent(claims.tokenId());
        if (count != null) {
            count.accumulateAndGet(bytes, (now, back) -> Math.max(0, now - back));
        }
    }

    /** Counts the bytes as sent, past the budget if need be. */
    @Override
    public void charge(TokenClaims claims, long bytes) {
        requireNonNegative(bytes);
        if (claims.byteBudget().isPresent()) {
            used.get(claims.tokenId(), id -> new AtomicLong()).addAndGet(bytes);
        }
    }

    @Override
    public long used(TokenClaims claims) {
        AtomicLong count = used.getIfPresent(claims.tokenId());
        return count == null ? 0 : count.get();
    }

    /** Bytes the token may still be sent: budget minus used, or {@link Long#MAX_VALUE} without a budget. */
    public long remaining(TokenClaims claims) {
        if (claims.byteBudget().isEmpty()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, claims.byteBudget().getAsLong() - used(claims));
    }

    /** Runs pending evictions now (tests). */
    void cleanUp() {
        used.cleanUp();
    }

    private static void requireNonNegative(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
    }
}
