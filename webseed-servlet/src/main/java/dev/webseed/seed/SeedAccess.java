package dev.webseed.seed;

import java.util.List;

import dev.webseed.paygate.BudgetReserver;
import dev.webseed.paygate.TokenClaims;
import dev.webseed.paygate.Verdict;
import dev.webseed.publish.PaidAccess;

/**
 * The paygate front of the webseed: {@code /seed/t/{token}/{path}} (DESIGN.md "Endpoints"; the
 * token is a path segment because BEP 19 clients append {@code name/path} to the url-list base and
 * so destroy query strings, checklist W18).
 *
 * <p>Order, all before the file system is touched (so a refusal never tells whether a file
 * exists) and before the first byte: take the token segment out; if the remaining path needs a
 * token ({@code paygateProtect}), verify it, else refuse with the verdict's reason. A request
 * whose path needs no token is served as if the token segment were not there: the token is not
 * verified and not charged (it opens nothing that is not open already). Hence a top-level content
 * folder named {@code t} cannot be reached by its plain URL; don't name one so.</p>
 *
 * <p>A refusal is a 403. Checklist W12 warns that clients punish 4xx hard (libtorrent and aria2
 * drop the URL for the session): that is right here, because every refusal is final for that
 * token (forged, expired, revoked, out of scope, budget used up) and retrying would only hammer
 * the origin; a 503 would wrongly promise that waiting helps.</p>
 */
final class SeedAccess {
    static final SeedAccess OPEN = new SeedAccess(PaidAccess.none(), 1 << 20);
    private static final String TOKEN_SEGMENT = "t";

    private final PaidAccess access;
    private final long chunk;

    /** @param chunk bytes of a byte budget reserved at a time ({@code budgetChunkBytes}) */
    SeedAccess(PaidAccess access, long chunk) {
        this.access = access;
        this.chunk = chunk;
    }

    /** Decides on a decoded path; never touches the file system. */
    Admission admit(RequestPath path) {
        List<String> segments = path.segments();
        String token = null;
        if (segments.size() >= 2 && segments.get(0).equals(TOKEN_SEGMENT)) {
            token = segments.get(1);
            segments = segments.subList(2, segments.size());
        }
        RequestPath content = token == null ? path : new RequestPath(segments, 0, "");
        String joined = content.joined();
        if (!access.requiresToken(joined)) {
            return new Admission(content, null, null, null, chunk);
        }
        Verdict verdict = access.check(joined, token);
        if (verdict instanceof Verdict.Refused refused) {
            return new Admission(content, refused.message(), null, null, chunk);
        }
        TokenClaims claims = ((Verdict.Valid) verdict).claims();
        BudgetReserver budgets = claims.byteBudget().isPresent()
                ? access.paygate().flatMap(p -> p.budgets()).orElse(null) : null;
        return new Admission(content, null, claims, budgets, chunk);
    }

    /**
     * What one request may do: serve {@link #path()}, or refuse with {@link #refusal()}. For a
     * token with a byte budget, every byte is reserved before it is sent ({@link #meter}, {@link
     * #reserveWhole}).
     */
    static final class Admission {
        private final RequestPath path;
        private final String refusal;
        private final TokenClaims claims;
        private final BudgetReserver budgets;
        private final long chunk;

        Admission(RequestPath path, String refusal, TokenClaims claims, BudgetReserver budgets, long chunk) {
            this.path = path;
            this.refusal = refusal;
            this.claims = claims;
            this.budgets = budgets;
            this.chunk = chunk;
        }

        /** The content path, without the token segment. */
        RequestPath path() {
            return path;
        }

        boolean refused() {
            return refusal != null;
        }

        /** The 403 reason (the verdict's message: reason and detail, never the token). */
        String refusal() {
            return refusal;
        }

        /** The session itself, or for a budgeted token one that reserves each chunk before sending it. */
        ContentSender.Session meter(ContentSender.Session session) {
            return budgets == null || session == null ? session : new BudgetedSession(session, budgets, claims, chunk);
        }

        /**
         * For a span written after the servlet returns (Tomcat sendfile), where nothing can stop
         * it midway: reserves all of it now, or nothing. False sends it the metered way instead.
         */
        boolean reserveWhole(long length) {
            if (budgets == null) {
                return true;
            }
            try {
                long granted = budgets.reserve(claims, length);
                if (granted == length) {
                    return true;
                }
                budgets.release(claims, granted);
            } catch (BudgetReserver.Unavailable e) {
                // the metered path fails closed
            }
            return false;
        }
    }
}
