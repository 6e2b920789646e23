package dev.webseed.paygate;

import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The {@link BudgetStore} of one server: a counter per token id in memory. Thread-safe; memory is
 * bounded by a maximum number of token ids (Caffeine, size-based eviction).
 *
 * <p>Counts restart at zero after a restart, are not shared between origin servers, and a token
 * evicted by the size bound starts again from zero. Size the bound above the number of tokens in
 * use at once.</p>
 */
public final class MemoryBudgets implements BudgetStore {
    private final Cache<String, AtomicLong> used;

    /** @param maxTokens most token ids counted at once */
    public MemoryBudgets(long maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
        this.used = Caffeine.newBuilder().maximumSize(maxTokens).build();
    }

    @Override
    public long reserve(String tokenId, long ceiling, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        AtomicLong count = used.get(tokenId, id -> new AtomicLong());
        while (true) {
            long now = count.get();
            long granted = Math.min(bytes, Math.max(0, ceiling - now));
            if (granted == 0 || count.compareAndSet(now, now + granted)) {
                return granted;
            }
        }
    }

    @Override
    public void release(String tokenId, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        AtomicLong count = used.getIfPresent(tokenId);
        if (count != null) {
            count.accumulateAndGet(bytes, (now, back) -> Math.max(0, now - back));
        }
    }

    @Override
    public long used(String tokenId) {
        AtomicLong count = used.getIfPresent(tokenId);
        return count == null ? 0 : count.get();
    }

    /** Runs pending evictions now (tests). */
    void cleanUp() {
        used.cleanUp();
    }
}
