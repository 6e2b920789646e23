package dev.webseed.seed;

import java.util.function.LongConsumer;

import dev.webseed.http.RequestPath;
import dev.webseed.paygate.Access;
import dev.webseed.paygate.Budget;
import dev.webseed.paygate.BudgetReserver;
import dev.webseed.paygate.Paygate;
import dev.webseed.paygate.Verdict;
import dev.webseed.stats.WebseedStats;

/**
 * The paygate front of the webseed: {@code /seed/t/{token}/{path}} ({@link
 * dev.webseed.http.Route}; the token is a path segment because BEP 19 clients append
 * {@code name/path} to the url-list base and so destroy query strings, docs/protocol.md W18).
 *
 * <p>Order, all before the file system is touched (so a refusal never tells whether a file
 * exists) and before the first byte: take the token segment out; if the remaining path needs a
 * token ({@code paygateProtect}), verify it, else refuse with the verdict's reason. A request
 * whose path needs no token is served as if the token segment were not there: the token is not
 * verified and not charged (it opens nothing that is not open already). Hence a top-level content
 * folder named {@code t} cannot be reached by its plain URL; don't name one so.</p>
 *
 * <p>A refusal is a 403. W12 warns that clients punish 4xx hard (libtorrent and aria2
 * drop the URL for the session): that is right here, because every refusal is final for that
 * token (forged, expired, revoked, out of scope, budget used up) and retrying would only hammer
 * the origin; a 503 would wrongly promise that waiting helps.</p>
 */
final class SeedAccess {
    static final SeedAccess OPEN = new SeedAccess(Paygate.open(), 1 << 20);

    private final Paygate paygate;
    private final long chunk;

    /** @param chunk bytes of a byte budget reserved at a time ({@code budgetChunkBytes}) */
    SeedAccess(Paygate paygate, long chunk) {
        this.paygate = paygate;
        this.chunk = chunk;
    }

    /** Decides on a decoded path; never touches the file system. */
    Admission admit(RequestPath path) {
        return admit(path.token(), path.withoutToken());
    }

    /** Decides on a content path (no token segment) with a token (null when none came). */
    Admission admit(String token, RequestPath content) {
        Access access = paygate.forBytes(content.joined(), token);
        if (access instanceof Verdict.Denied denied) {
            return new Admission(content, denied.message(), Budget.UNLIMITED, chunk);
        }
        return new Admission(content, null, access.budget(), chunk);
    }

    /**
     * What one request may do: serve {@link #path()}, or refuse with {@link #refusal()}. For a
     * token with a byte budget, every byte is reserved before it is sent ({@link #meter}, {@link
     * #reserveWhole}); {@link #settle()} in a {@code finally} gives back what was reserved and not
     * sent, so an aborted response is charged what really left.
     */
    static final class Admission {
        private final RequestPath path;
        private final String refusal;
        private final Budget budget;
        private final long chunk;

        Admission(RequestPath path, String refusal, Budget budget, long chunk) {
            this.path = path;
            this.refusal = refusal;
            this.budget = budget;
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
            return !budget.limited() || session == null ? session : new BudgetedSession(session, budget, chunk);
        }

        /** The byte counter for the sender: the server's statistics, per top-level entry. */
        LongConsumer counter(WebseedStats stats) {
            // per top-level entry (stats.OriginTraffic): the first segment is all it needs
            String counted = path.segments().isEmpty() ? "" : path.segments().get(0);
            return n -> stats.recordBytes(counted, n);
        }

        /**
         * For a span written after the servlet returns (Tomcat sendfile), where nothing can stop
         * it midway: reserves all of it now and counts it as sent, or nothing. False sends it the
         * metered way instead.
         */
        boolean reserveWhole(long length) {
            if (!budget.limited()) {
                return true;
            }
            try {
                if (budget.reserve(length) == length) {
                    budget.sent(length);
                    return true;
                }
            } catch (BudgetReserver.Unavailable e) {
                // the metered path fails closed
            }
            budget.settle();
            return false;
        }

        /** Gives back what was reserved and not sent (W15: a budget counts written bytes). */
        void settle() {
            try {
                budget.settle();
            } catch (BudgetReserver.Unavailable e) {
                // the reservation stays charged: errs against the client, never past the budget
            }
        }
    }
}
