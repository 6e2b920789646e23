package dev.webseed.seed;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import dev.webseed.http.PlainText;
import dev.webseed.range.ByteRange;
import dev.webseed.stats.Outcome;
import dev.webseed.stats.WebseedStats;

/**
 * The status lines and headers of webseed answers, each counted once in the statistics: 200 with
 * {@code Content-Length} (never chunked, docs/protocol.md W3), 206 with an exact
 * {@code Content-Range} (W1, W2), validators
 * on every answer that has them (RFC 9110 §8.8), and the plain-text errors ({@link PlainText}).
 * The bytes are {@link SeedTransfer}'s.
 */
final class SeedResponses {
    private final WebseedStats stats;

    SeedResponses(WebseedStats stats) {
        this.stats = stats;
    }

    /** Status and headers of a 200 ({@code span == null}) or a single-range 206, counted. */
    void singleSpanHeaders(HttpServletResponse response, SeedContent item, ByteRange span) {
        commonHeaders(response, item);
        response.setContentType(SeedService.OCTET_STREAM);
        if (span == null) {
            stats.recordRequest(Outcome.FULL);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentLengthLong(item.length());
        } else {
            stats.recordRequest(Outcome.PARTIAL);
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", span.contentRange(item.length()));
            response.setContentLengthLong(span.length());
        }
    }

    static void commonHeaders(HttpServletResponse response, SeedContent item) {
        validatorHeaders(response, item);
        response.setHeader("Cache-Control", "no-transform");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    static void validatorHeaders(HttpServletResponse response, SeedContent item) {
        response.setHeader("ETag", item.validators().etag());
        String lastModified = item.lastModifiedHeader();
        if (lastModified != null) {
            response.setHeader("Last-Modified", lastModified);
        }
    }

    /**
     * Ends the response with a status and a one-line plain-text body written here: never
     * {@code sendError}, so no container error page and no stack trace reaches a client.
     */
    void plainText(HttpServletResponse response, int status, String reason, boolean head)
            throws IOException {
        stats.recordRequest(outcome(status));
        PlainText.send(response, status, reason, head);
    }

    private static Outcome outcome(int status) {
        switch (status) {
            case HttpServletResponse.SC_FORBIDDEN:
                return Outcome.FORBIDDEN;
            case HttpServletResponse.SC_NOT_FOUND:
                return Outcome.NOT_FOUND;
            case HttpServletResponse.SC_PRECONDITION_FAILED:
                return Outcome.PRECONDITION_FAILED;
            case HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE:
                return Outcome.RANGE_NOT_SATISFIABLE;
            default:
                return status >= 500 ? Outcome.SERVER_ERROR : Outcome.BAD_REQUEST;
        }
    }
}
