package dev.webseed.jetty;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import dev.webseed.config.Settings;

/**
 * The embedded server's answer to requests Jetty refuses before any servlet runs (an ambiguous
 * {@code %2F} in a path, a bad escape, a malformed request line): a short plain-text body, no
 * stack trace, and the same {@code Access-Control-Allow-Origin} as every webseed answer, so a
 * browser client sees the status instead of an opaque network error (checklist W17: CORS on
 * errors too). Every client gets plain text, whatever its {@code Accept} says (Jetty would send
 * HTML for {@code *}{@code /*}), except one that asks for JSON.
 *
 * <p>The embedded server and the Jetty distribution module both install it as the server's error
 * handler (issue 14 row 11: the stock handler's HTML named "Jetty:// 12.1.12"); the module also
 * turns off {@code sendServerVersion}, which Jetty uses for the {@code Server} header and the
 * "Powered by" line of any HTML error page that is still written.</p>
 */
public final class PlainErrorHandler extends ErrorHandler {
    private final String allowOrigin;

    /**
     * The module's handler ({@code etc/webseed.xml}): {@code corsAllowOrigin} is the {@code
     * webseed.corsAllowOrigin} property, null when not set (then the setting's default).
     */
    public static PlainErrorHandler forModule(String corsAllowOrigin) {
        return new PlainErrorHandler(corsAllowOrigin != null ? corsAllowOrigin
                : Settings.CORS_ALLOW_ORIGIN.defaultValue().orElse(""));
    }

    PlainErrorHandler(String allowOrigin) {
        this.allowOrigin = allowOrigin;
        setShowStacks(false);
        setShowCauses(false);
        setDefaultResponseMimeType("text/plain");
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
            String contentType, List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        String type = contentType.contains("json") ? contentType : "text/plain";
        return super.generateAcceptableResponse(request, response, callback, type, charsets, code, message, cause);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        if (!allowOrigin.isEmpty()) {
            response.getHeaders().put("Access-Control-Allow-Origin", allowOrigin);
        }
        super.generateResponse(request, response, code, message, cause, callback);
    }
}
