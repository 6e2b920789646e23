package dev.webseed.paygate;

/**
 * Byte budgets reserved before bytes are sent (issue 14 row 2): the webseed asks for at most one
 * chunk ({@code budgetChunkBytes}) at a time, sends what was granted, and gives back what it could
 * not send. Since nothing is sent without a grant, a token never gets more than its budget, over
 * all parallel connections, and over all servers when the implementation is shared (Redis).
 *
 * <p>The in-memory {@link ByteBudgets} is exact within one server; the Redis implementation of
 * the optional {@code webseed-redis} module is exact across servers (one atomic script per
 * reservation). Implementations are thread-safe.</p>
 */
public interface BudgetReserver {
    /**
     * Reserves up to {@code bytes} of the token's budget.
     *
     * @return the bytes granted, {@code 0..bytes}: all of them for a token without a budget, 0 when
     *         the budget is used up
     * @throws Unavailable when the shared store cannot answer (the caller fails closed)
     */
    long reserve(TokenClaims claims, long bytes);

    /** Gives back reserved bytes that were not sent (the client went away). */
    void release(TokenClaims claims, long bytes);

    /** Bytes of the token's budget reserved so far (0 for an unknown token). */
    long used(TokenClaims claims);

    /** True when the token has a budget and nothing of it is left. */
    default boolean exhausted(TokenClaims claims) {
        return claims.byteBudget().isPresent() && used(claims) >= claims.byteBudget().getAsLong();
    }

    /** The shared store did not answer in time: nothing may be sent on this token's budget now. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
