package dev.webseed.seed;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.function.LongConsumer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.webseed.paygate.DenialReason;
import dev.webseed.range.ByteRange;
import dev.webseed.range.RangeRequest;
import dev.webseed.stats.Outcome;
import dev.webseed.stats.WebseedStats;

/**
 * Writes the bytes of an admitted, range-checked webseed answer: through Tomcat's sendfile for a
 * single large span when the container offers it ({@link TomcatSendfile}), else through the
 * {@link ContentSender} (Jetty's mapped-buffer sender or the portable copying one), as one span or
 * as {@code multipart/byteranges} (RFC 9110 §14.6). A client that goes away mid-body is counted,
 * not logged: clients abort all the time (cancelled pieces, finished torrents; docs/protocol.md W15).
 */
final class SeedTransfer {
    private static final System.Logger LOG = System.getLogger(SeedTransfer.class.getName());

    private final ContentSender sender;
    private final ContentCache cache;
    private final WebseedStats stats;
    private final SeedResponses responses;

    SeedTransfer(ContentSender sender, ContentCache cache, WebseedStats stats, SeedResponses responses) {
        this.sender = sender;
        this.cache = cache;
        this.stats = stats;
        this.responses = responses;
    }

    void send(HttpServletRequest request, HttpServletResponse response, SeedContent item,
            RangeRequest decision, boolean head, String key, SeedAccess.Admission admission) throws IOException {
        LongConsumer written = admission.counter(stats);
        boolean oneSpan = decision.kind() == RangeRequest.Kind.FULL || decision.isSingle();
        if (!head && oneSpan && item instanceof SeedContent.FileContent file) {
            ByteRange span = decision.kind() == RangeRequest.Kind.FULL ? null : decision.ranges().get(0);
            long length = span == null ? item.length() : span.length();
            long first = span == null ? 0 : span.first();
            // sendfile writes after we return, past any check: only when the scheduler lets the span go
            // whole (it has recorded it then) and the token's budget covers all of it
            if (TomcatSendfile.usable(request, response, length)
                    && sender.mayHandOff(file.path(), file.length(), file.validators().etag(), first, length)
                    && admission.reserveWhole(length)) {
                responses.singleSpanHeaders(response, item, span);
                TomcatSendfile.schedule(request, file.path(), first, length);
                written.accept(length); // counted as scheduled: Tomcat writes after we return
                return;
            }
        }
        ContentSender.Session session;
        try {
            session = head ? null : admission.meter(open(item));
        } catch (ContentSender.ContentReadException e) {
            cache.invalidate(key);
            if (e.getCause() instanceof NoSuchFileException) {
                responses.plainText(response, HttpServletResponse.SC_NOT_FOUND, "not found", false); // deleted just now
                return;
            }
            LOG.log(Level.WARNING, "webseed: {0}", e.getMessage());
            responses.plainText(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "file unreadable", false);
            return;
        }
        try {
            if (decision.kind() == RangeRequest.Kind.FULL) {
                responses.singleSpanHeaders(response, item, null);
                if (session != null && item.length() > 0) {
                    session.send(0, item.length(), response.getOutputStream(), written);
                }
            } else if (decision.isSingle()) {
                ByteRange only = decision.ranges().get(0);
                responses.singleSpanHeaders(response, item, only);
                session.send(only.first(), only.length(), response.getOutputStream(), written);
            } else {
                SeedResponses.commonHeaders(response, item);
                stats.recordRequest(Outcome.MULTIPART);
                sendMultipart(response, item, decision.ranges(), session, written);
            }
        } catch (ContentSender.ContentReadException e) {
            // headers are out; the container ends the connection on the short body
            cache.invalidate(key);
            LOG.log(Level.WARNING, "webseed: response cut short: {0}", e.getMessage());
        } catch (BudgetedSession.Exhausted e) {
            budgetStop(response, e);
        } catch (IOException e) {
            // W15: clients abort mid-response all the time (cancelled pieces, finished torrents)
            stats.recordAbort();
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "webseed: client went away: {0}", String.valueOf(e));
            }
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    /**
     * Nothing past the budget is sent: before the first byte the answer is a 403 (used up) or a 503
     * (the shared store is away: transient, and no byte is served unaccounted); after it the
     * container closes the connection on the short body.
     */
    private void budgetStop(HttpServletResponse response, BudgetedSession.Exhausted e) throws IOException {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "webseed: response cut short: {0}", e.getMessage());
        }
        if (!response.isCommitted()) {
            response.reset();
            response.setHeader("Accept-Ranges", "bytes");
            response.setHeader("Cache-Control", "no-store");
            if (e.unavailable) {
                response.setHeader("Retry-After", "5");
            }
            responses.plainText(response, e.unavailable ? HttpServletResponse.SC_SERVICE_UNAVAILABLE
                    : HttpServletResponse.SC_FORBIDDEN, e.unavailable ? "byte budget store unavailable"
                            : DenialReason.BUDGET_EXHAUSTED.text(), false);
        }
    }

    private ContentSender.Session open(SeedContent item) throws IOException {
        if (item instanceof SeedContent.FileContent file) {
            return sender.open(file.path(), file.length(), file.validators().etag());
        }
        return CopyingSender.zeros();
    }

    private void sendMultipart(HttpServletResponse response, SeedContent item, List<ByteRange> ranges,
            ContentSender.Session session, LongConsumer written) throws IOException {
        Multipart multipart = Multipart.random(item.length());
        response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        response.setContentType(multipart.contentType());
        response.setContentLengthLong(multipart.contentLength(ranges));
        OutputStream out = response.getOutputStream();
        for (int i = 0; i < ranges.size(); i++) {
            ByteRange range = ranges.get(i);
            out.write(multipart.partHeader(i, range));
            session.send(range.first(), range.length(), out, written);
        }
        out.write(multipart.closing());
    }
}
