package dev.webseed.paygate;

/**
 * Byte budgets reserved before bytes are sent: the origin asks for at most one chunk at a time,
 * sends what was granted, and gives back what it could not send. Since nothing is sent without a
 * grant, a token never gets more than its budget over all parallel connections, and over all
 * servers when the implementation is shared (one atomic step per reservation in the shared store).
 *
 * <p>{@link ByteBudgets} is the in-memory reserver of one server. Implementations are
 * thread-safe and atomic per token id: two reservations racing for the last bytes of a budget
 * together never get more than is left. A request holds its reservations through a {@link
 * Budget}, which the {@link Paygate} hands out with a granted {@link Access}.</p>
 */
public interface BudgetReserver {
    /**
     * Reserves up to {@code bytes} of the token's budget before they are sent.
     *
     * @return the bytes granted, {@code 0..bytes}: all of them for a token without a budget, 0 when
     *         the budget is used up
     * @throws Unavailable when a shared store cannot answer (the caller fails closed)
     */
    long reserve(TokenClaims claims, long bytes);

    /** Gives back reserved bytes that were not sent (an aborted response). */
    void release(TokenClaims claims, long bytes);

    /** Bytes of the token's budget reserved (or charged) so far; 0 for an unknown token. */
    long used(TokenClaims claims);

    /**
     * Charges bytes already sent without a reservation, for a send path that does not reserve. The
     * default reserves them, which stops at the budget; a store that can count past it overrides
     * this so the count stays the bytes really sent.
     */
    default void charge(TokenClaims claims, long bytes) {
        reserve(claims, bytes);
    }

    /** True when the token has a budget and nothing of it is left. */
    default boolean exhausted(TokenClaims claims) {
        return claims.byteBudget().isPresent() && used(claims) >= claims.byteBudget().getAsLong();
    }

    /** A shared store did not answer in time: nothing may be sent on this token's budget now. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
