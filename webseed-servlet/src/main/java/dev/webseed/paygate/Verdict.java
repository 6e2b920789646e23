package dev.webseed.paygate;

import java.util.Objects;

/**
 * The outcome of {@link TokenVerifier#verify}: {@link Valid} with the claims, or {@link Denied}
 * with a reason. Verification never throws for anything a client sends. Callers outside this
 * package see a {@link Denied} as an {@link Access} from the {@link Paygate}.
 */
public sealed interface Verdict permits Verdict.Valid, Verdict.Denied {

    boolean isValid();

    /** The token may be used for the target. */
    record Valid(TokenClaims claims) implements Verdict {
        public Valid {
            Objects.requireNonNull(claims, "claims");
        }

        @Override
        public boolean isValid() {
            return true;
        }
    }

    /**
     * The token may not be used.
     *
     * @param reason the failure mode
     * @param detail a short addition for logs and the response (may be empty), never a secret
     */
    record Denied(DenialReason reason, String detail) implements Verdict, Access {
        public Denied {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        static Denied of(DenialReason reason) {
            return new Denied(reason, "");
        }

        @Override
        public boolean isValid() {
            return false;
        }

        /** The reason's text plus the detail, e.g. {@code token expired (at 2026-11-22T00:00:00Z)}. */
        public String message() {
            return detail.isEmpty() ? reason.text() : reason.text() + " (" + detail + ")";
        }
    }
}
