package dev.webseed.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;

/**
 * CORS for browser clients, the one CORS rule of every endpoint (docs/protocol.md W17; Fetch
 * standard "CORS protocol"). WebTorrent in a
 * browser sends {@code Cache-Control: no-store} and {@code User-Agent}, so every request is
 * preflighted; and a response without {@code Access-Control-Allow-Origin}, errors included, is an
 * opaque network error to the page.
 *
 * <p>The allowed origin is {@link Settings#CORS_ALLOW_ORIGIN} as is ({@code *} by default; empty
 * switches CORS off). It does not depend on the request's {@code Origin}, so no {@code Vary: Origin}
 * is needed and the headers go on every response, whether or not the request carried an
 * {@code Origin}. Every servlet adds {@link #addResponseHeaders} first and answers {@code OPTIONS}
 * with {@link #preflight}, so every answer, errors included, has the same CORS shape.</p>
 */
public final class Cors {
    /** Methods every Webseed endpoint answers. */
    public static final String METHODS = "GET, HEAD, OPTIONS";
    /** Request headers WebTorrent and other range clients send, allowed when the preflight names none. */
    static final String DEFAULT_ALLOW_HEADERS =
            "Range, Cache-Control, User-Agent, If-Range, If-None-Match, If-Modified-Since";
    /**
     * Response headers a page may read beyond the safelisted ones: WebTorrent reads
     * {@code Content-Range} and {@code Content-Length} of webseed answers; a page saving a
     * {@code .torrent} reads its {@code Content-Disposition}; a 503 carries {@code Retry-After}.
     */
    static final String EXPOSE_HEADERS =
            "Content-Range, Content-Length, Accept-Ranges, ETag, Retry-After, Content-Disposition";
    private static final int MAX_ECHOED_HEADERS = 1024;

    private final String allowOrigin;
    private final String maxAgeSeconds;

    Cors(String allowOrigin, Duration maxAge) {
        this.allowOrigin = allowOrigin == null ? "" : allowOrigin.trim();
        this.maxAgeSeconds = Long.toString(maxAge.getSeconds());
    }

    /** The CORS rule of a configuration ({@code corsAllowOrigin}, {@code corsMaxAge}). */
    public static Cors from(WebseedConfig config) {
        return new Cors(config.get(Settings.CORS_ALLOW_ORIGIN), config.get(Settings.CORS_MAX_AGE));
    }

    /** False when {@code corsAllowOrigin} is empty. */
    public boolean enabled() {
        return !allowOrigin.isEmpty();
    }

    /** Adds the headers every actual response carries; call before anything else is written. */
    public void addResponseHeaders(HttpServletResponse response) {
        responseHeaders().forEach(response::setHeader);
    }

    /**
     * The headers every actual response carries (none when CORS is off), for answers written
     * outside a servlet, such as the embedded server's error handler.
     */
    public Map<String, String> responseHeaders() {
        if (!enabled()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", allowOrigin);
        headers.put("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        return headers;
    }

    /**
     * Answers an {@code OPTIONS} request, a CORS preflight or not, with 204, {@code Allow} and, when
     * CORS is on, the preflight headers: the requested headers are echoed when they are a plain
     * token list, else {@link #DEFAULT_ALLOW_HEADERS} is sent.
     */
    public void preflight(HttpServletRequest request, HttpServletResponse response, String methods) {
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        response.setHeader("Allow", methods);
        if (enabled()) {
            response.setHeader("Access-Control-Allow-Origin", allowOrigin);
            response.setHeader("Access-Control-Allow-Methods", methods);
            String requested = request.getHeader("Access-Control-Request-Headers");
            response.setHeader("Access-Control-Allow-Headers",
                    isHeaderList(requested) ? requested.trim() : DEFAULT_ALLOW_HEADERS);
            response.setHeader("Access-Control-Max-Age", maxAgeSeconds);
        }
    }

    /** A bounded, comma-separated list of header names (RFC 9110 tokens), safe to echo. */
    static boolean isHeaderList(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_ECHOED_HEADERS) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && "!#$%&'*+-.^_`|~, \t".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
