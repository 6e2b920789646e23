package dev.webseed.paygate;

/**
 * Where the bytes the origin sent per token id are counted against each token's byte budget.
 * The origin reserves before it sends, in chunks, and gives back what it reserved but did not
 * send; so the overshoot of a budget is bounded by what is reserved at once, not by the number of
 * connections. {@link MemoryBudgets} counts in memory for one server; a store shared by several
 * servers (one counter per token id, e.g. a Redis {@code INCRBY} guarded by a script) implements
 * the same three calls.
 *
 * <p>Implementations are thread-safe and atomic per token id: two reservations racing for the
 * last bytes of a budget together never get more than is left. A request holds its reservations
 * through a {@link Budget}; nothing else calls this interface.</p>
 */
public interface BudgetStore {
    /**
     * Reserves up to {@code bytes} for a token before they are sent.
     *
     * @param tokenId the token id ({@link TokenClaims#tokenId()})
     * @param ceiling the token's byte budget; {@link Long#MAX_VALUE} charges without a ceiling
     *                (bytes already sent)
     * @param bytes   how many bytes the caller wants to send next, at least 0
     * @return the bytes granted: {@code min(bytes, ceiling - used)}, 0 when the budget is used up
     */
    long reserve(String tokenId, long ceiling, long bytes);

    /** Gives back reserved bytes that were not sent (an aborted or clamped response). */
    void release(String tokenId, long bytes);

    /** Bytes reserved and not released so far for a token (0 for one never seen, or forgotten). */
    long used(String tokenId);

    /** Charges bytes already sent, without a ceiling: a reservation of {@link Long#MAX_VALUE}. */
    default void charge(String tokenId, long bytes) {
        reserve(tokenId, Long.MAX_VALUE, bytes);
    }

    /** True when the token has a budget and it is used up. */
    default boolean exhausted(TokenClaims claims) {
        return claims.byteBudget().isPresent() && used(claims.tokenId()) >= claims.byteBudget().getAsLong();
    }

    /** Bytes the token may still be sent: budget minus used, or {@link Long#MAX_VALUE} without a budget. */
    default long remaining(TokenClaims claims) {
        if (claims.byteBudget().isEmpty()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, claims.byteBudget().getAsLong() - used(claims.tokenId()));
    }
}
