package dev.webseed.paygate;

/**
 * The byte budget of one token for one response, handed out by the {@link Paygate} with a
 * granted {@link Access}. Used by the one request thread that writes the response: reserve before
 * sending ({@link #reserve}), report what left ({@link #sent}), and {@link #settle} once in a
 * {@code finally}, which gives back what was reserved and not sent.
 *
 * <p>The webseed reserves each chunk ({@code budgetChunkBytes}) before writing it and cuts a
 * response short when nothing more is granted, so no byte is sent past the budget. Bytes reported
 * beyond the reservations (a send path that does not reserve) are charged without a ceiling.</p>
 */
public final class Budget {
    /** No byte budget: every reservation is granted, nothing is counted. */
    public static final Budget UNLIMITED = new Budget(null, null);

    private final BudgetReserver store;
    private final TokenClaims claims;
    private long reserved;

    private Budget(BudgetReserver store, TokenClaims claims) {
        this.store = store;
        this.claims = claims;
    }

    /** The budget of these claims in this reserver; {@link #UNLIMITED} when the token has none. */
    static Budget of(BudgetReserver store, TokenClaims claims) {
        if (store == null || claims.byteBudget().isEmpty()) {
            return UNLIMITED;
        }
        return new Budget(store, claims);
    }

    /** True when bytes sent are counted against a budget. */
    public boolean limited() {
        return store != null;
    }

    /** Reserves up to {@code bytes} before sending them; returns how many may be sent (0: used up). */
    public long reserve(long bytes) {
        if (store == null) {
            return bytes;
        }
        long granted = store.reserve(claims, bytes);
        reserved += granted;
        return granted;
    }

    /** Reports bytes that actually left: taken from the reservations first, the rest charged as is. */
    public void sent(long bytes) {
        if (store == null || bytes <= 0) {
            return;
        }
        long covered = Math.min(bytes, reserved);
        reserved -= covered;
        if (bytes > covered) {
            store.charge(claims, bytes - covered);
        }
    }

    /** Gives back what was reserved and not sent; call once when the response ends. */
    public void settle() {
        if (store != null && reserved > 0) {
            store.release(claims, reserved);
            reserved = 0;
        }
    }

    @Override
    public String toString() {
        return store == null ? "unlimited" : "budget " + claims.byteBudget().getAsLong() + " of " + claims.tokenId();
    }
}
