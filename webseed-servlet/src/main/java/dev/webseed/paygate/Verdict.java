package dev.webseed.paygate;

import java.util.Objects;

/**
 * The outcome of {@link TokenVerifier#verify}: {@link Valid} with the claims, or {@link Refused}
 * with a reason. Verification never throws for anything a client sends.
 *
 * <pre>{@code
 * Verdict verdict = verifier.verify(token, Target.path(path, infoHash));
 * if (verdict instanceof Verdict.Refused refused) {
 *     response.sendError(403, refused.message());   // before the first byte
 *     return;
 * }
 * }</pre>
 */
public sealed interface Verdict permits Verdict.Valid, Verdict.Refused {

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
    record Refused(RefusalReason reason, String detail) implements Verdict {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        static Refused of(RefusalReason reason) {
            return new Refused(reason, "");
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
