package dev.webseed.jetty;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import dev.webseed.config.WebseedConfig;
import dev.webseed.http.Cors;

/**
 * The embedded server's answer to requests Jetty refuses before any servlet runs (an ambiguous
 * {@code %2F} in a path, a bad escape, a malformed request line): a short plain-text body, no
 * stack trace, and the same CORS headers as every webseed answer ({@link Cors}), so a browser
 * client sees the status instead of an opaque network error (docs/protocol.md W17: CORS on errors
 * too). Every client gets plain text, whatever its {@code Accept} says (Jetty would send
 * HTML for {@code *}{@code /*}), except one that asks for JSON.
 *
 * <p>The embedded server and the Jetty distribution module both install it as the server's error
 * handler (the stock handler's HTML named "Jetty:// 12.1.12"); the module also
 * turns off {@code sendServerVersion}, which Jetty uses for the {@code Server} header and the
 * "Powered by" line of any HTML error page that is still written.</p>
 */
public final class PlainErrorHandler extends ErrorHandler {
    private final Cors cors;

    /**
     * The module's handler ({@code etc/webseed.xml}), from the module properties {@code
     * webseed.corsAllowOrigin} and {@code webseed.corsMaxAge} (null when not set: the defaults),
     * read by the same rules as the context parameters.
     */
    public static PlainErrorHandler forModule(String corsAllowOrigin, String corsMaxAge) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("contentRoot", "."); // required by the configuration, not used here
        if (corsAllowOrigin != null) {
            parameters.put("corsAllowOrigin", corsAllowOrigin);
        }
        if (corsMaxAge != null && !corsMaxAge.isEmpty()) {
            parameters.put("corsMaxAge", corsMaxAge);
        }
        return new PlainErrorHandler(Cors.from(WebseedConfig.fromParameters(parameters)));
    }

    PlainErrorHandler(Cors cors) {
        this.cors = cors;
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
        cors.responseHeaders().forEach(response.getHeaders()::put);
        super.generateResponse(request, response, code, message, cause, callback);
    }
}
