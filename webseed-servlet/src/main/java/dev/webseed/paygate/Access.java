package dev.webseed.paygate;

import java.util.Objects;

/**
 * What the {@link Paygate} decided for one request: {@link Free} content needs no token, a
 * {@link Granted} token opens it (with the {@link Budget} to reserve and charge the bytes sent),
 * or {@link Verdict.Denied} with the reason, for the 403 body or the tracker's {@code failure
 * reason}.
 *
 * <pre>{@code
 * Access access = paygate.forBytes(path, token);
 * if (access instanceof Verdict.Denied denied) {
 *     // answer 403 with denied.message() before the first byte
 * } else {
 *     Budget budget = access.budget();   // reserve, sent, settle in a finally
 * }
 * }</pre>
 */
public sealed interface Access permits Access.Free, Access.Granted, Verdict.Denied {
    /** The one {@link Free} answer. */
    Access FREE = new Free();

    /** True unless denied. */
    default boolean granted() {
        return !(this instanceof Verdict.Denied);
    }

    /** The budget to charge what is sent: {@link Budget#UNLIMITED} unless a granted token has one. */
    default Budget budget() {
        return Budget.UNLIMITED;
    }

    /** The content needs no token; a token that came is neither verified nor charged. */
    record Free() implements Access {
    }

    /** The token opens the content; {@code budget} counts what the origin sends for it. */
    record Granted(TokenClaims claims, Budget budget) implements Access {
        public Granted {
            Objects.requireNonNull(claims, "claims");
            Objects.requireNonNull(budget, "budget");
        }
    }
}
