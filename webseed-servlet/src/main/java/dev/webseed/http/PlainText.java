package dev.webseed.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The one error shape of every endpoint but the tracker (whose failures are bencoded 200s, BEP 3):
 * a status and a one-line plain-text body {@code "<status> <reason>\n"}, with an exact
 * {@code Content-Length} and {@code Cache-Control: no-store}, written here and never through
 * {@code sendError}, so no container error page and no stack trace reaches a client. The reason
 * says what was wrong and names the setting or parameter when one applies.
 */
public final class PlainText {
    /** The {@code Content-Type} of every plain-text answer. */
    public static final String CONTENT_TYPE = "text/plain;charset=utf-8";

    private PlainText() {
    }

    /**
     * Sets the status and headers and writes the body (none for a HEAD). Headers set before, such
     * as CORS, {@code Allow} or {@code Retry-After}, stay.
     */
    public static void send(HttpServletResponse response, int status, String reason, boolean head)
            throws IOException {
        byte[] body = (status + " " + reason + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }
}
