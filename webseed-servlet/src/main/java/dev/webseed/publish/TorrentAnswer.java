package dev.webseed.publish;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.webseed.http.PlainText;

/**
 * What {@link TorrentService} answers: a status, headers and a body. A failure ({@link #failed()})
 * has no content type of its own: its body is the reason, which the servlet writes as the one
 * plain-text error shape ({@link PlainText}).
 *
 * @param status      the HTTP status
 * @param contentType the body's type, null for a failure
 * @param headers     headers to set besides the type and length
 * @param body        the body (the reason for a failure)
 */
public record TorrentAnswer(int status, String contentType, Map<String, String> headers, byte[] body) {
    static final String PLAIN_TEXT = PlainText.CONTENT_TYPE;

    public TorrentAnswer {
        headers = Map.copyOf(headers);
    }

    /** True for an error answer, whose body is the reason. */
    public boolean failed() {
        return contentType == null;
    }

    /** The reason of a failure. */
    public String reason() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static TorrentAnswer failure(int status, String reason) {
        return new TorrentAnswer(status, null, Map.of(), reason.getBytes(StandardCharsets.UTF_8));
    }

    /** A failure that is worth retrying after {@code retryAfterSeconds} (RFC 9110 §10.2.3). */
    static TorrentAnswer failure(int status, String reason, long retryAfterSeconds) {
        return new TorrentAnswer(status, null, Map.of("Retry-After", Long.toString(retryAfterSeconds)),
                reason.getBytes(StandardCharsets.UTF_8));
    }
}
