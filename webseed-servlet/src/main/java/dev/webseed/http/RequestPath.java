package dev.webseed.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The relative path of a request below a servlet mapping ({@link Route}), decoded from the raw
 * request URI: the one decoder of request paths, used by the webseed and the torrent endpoint
 * (docs/protocol.md W9).
 *
 * <p>The container's decoded {@code getPathInfo()} is not used: it has already turned {@code %2F}
 * into a separator (or refused it) and its charset handling differs between containers. Instead
 * the raw URI is split on {@code /} first and each segment is then percent-decoded on its own
 * (RFC 3986 §2.1, §7.3), so an encoded slash can never become a separator:</p>
 * <ul>
 * <li>{@code %xx} in upper or lower case (libtorrent sends {@code %c3%bc}, aria2 {@code %C3%BC});</li>
 * <li>{@code +} is a literal plus: form decoding does not apply to paths (WebTorrent sends a raw
 *     {@code +}, the others {@code %2B}/{@code %2b});</li>
 * <li>the bytes must be strict UTF-8 (BEP 3 paths are UTF-8); anything else is 400;</li>
 * <li>a decoded {@code /} or NUL inside a segment, or a bad {@code %} escape, is 400;</li>
 * <li>more than {@code maxBytes} decoded bytes is 414.</li>
 * </ul>
 * <p>Names such as {@code ..}, hidden names and empty segments pass through here and are refused
 * (404) by {@link dev.webseed.content.ContentRoot}, the single authority on what may be served.
 * A leading {@code t/{token}} ({@link Route#TOKEN_SEGMENT}) is split off by {@link #token()} and
 * {@link #withoutToken()}; whether the rest needs a token is the paygate's question.</p>
 *
 * @param segments the decoded segments below the servlet path (empty for the servlet path itself)
 * @param status   0 when decoded, else the 4xx status to answer
 * @param reason   the plain-text reason of that status
 */
public record RequestPath(List<String> segments, int status, String reason) {
    private static final int BAD_REQUEST = 400;
    private static final int NOT_FOUND = 404;
    private static final int URI_TOO_LONG = 414;

    public RequestPath {
        segments = List.copyOf(segments);
    }

    /** A path of decoded segments. */
    public static RequestPath of(List<String> segments) {
        return new RequestPath(segments, 0, "");
    }

    /** True when decoded; else {@link #status()} and {@link #reason()} are the answer. */
    public boolean ok() {
        return status == 0;
    }

    /** The segments joined with {@code /}, as {@link dev.webseed.content.ContentRoot#resolve} takes them. */
    public String joined() {
        return String.join("/", segments);
    }

    /** The token of a {@code t/{token}/...} path, or null when the path has no token segment. */
    public String token() {
        return hasToken() ? segments.get(1) : null;
    }

    /** The path without its {@code t/{token}} segments (itself when it has none). */
    public RequestPath withoutToken() {
        return hasToken() ? of(segments.subList(2, segments.size())) : this;
    }

    private boolean hasToken() {
        return segments.size() >= 2 && segments.get(0).equals(Route.TOKEN_SEGMENT);
    }

    /**
     * Decodes the path below the servlet.
     *
     * @param rawUri      {@code request.getRequestURI()}: raw, not decoded
     * @param contextPath {@code request.getContextPath()}: also raw, per the Servlet API
     * @param servletPath {@code request.getServletPath()}: decoded; its segments are matched against
     *                    the decoded leading segments of the raw URI
     * @param maxBytes    most decoded bytes of the relative path
     */
    public static RequestPath decode(String rawUri, String contextPath, String servletPath, int maxBytes) {
        if (rawUri == null || !rawUri.startsWith(contextPath)) {
            return error(BAD_REQUEST, "request path outside this application");
        }
        String rest = rawUri.substring(contextPath.length());
        if (rest.isEmpty()) {
            return new RequestPath(List.of(), 0, "");
        }
        if (rest.charAt(0) != '/') {
            return error(BAD_REQUEST, "request path must start with /");
        }
        String[] raw = rest.substring(1).split("/", -1);
        List<String> servletSegments = servletSegments(servletPath);
        if (raw.length < servletSegments.size()) {
            return error(NOT_FOUND, "not found");
        }
        List<String> segments = new ArrayList<>(raw.length);
        long bytes = 0;
        for (int i = 0; i < raw.length; i++) {
            String segment;
            int decodedLength;
            if (isPlainAscii(raw[i])) {
                segment = raw[i]; // nothing to decode: the common case, without a copy
                decodedLength = segment.length();
            } else {
                byte[] decoded = percentDecode(raw[i]);
                if (decoded == null) {
                    return error(BAD_REQUEST, "bad percent-escape in path");
                }
                segment = utf8(decoded);
                if (segment == null) {
                    return error(BAD_REQUEST, "path is not valid UTF-8");
                }
                decodedLength = decoded.length;
            }
            if (segment.indexOf('/') >= 0 || segment.indexOf('\0') >= 0) {
                return error(BAD_REQUEST, "encoded '/' or NUL in a path segment");
            }
            if (i < servletSegments.size()) {
                if (!segment.equals(servletSegments.get(i))) {
                    return error(NOT_FOUND, "not found");
                }
                continue;
            }
            bytes += decodedLength + (segments.isEmpty() ? 0 : 1);
            if (bytes > maxBytes) {
                return error(URI_TOO_LONG, "path longer than " + maxBytes + " bytes (maxPathBytes)");
            }
            segments.add(segment);
        }
        return new RequestPath(segments, 0, "");
    }

    private static List<String> servletSegments(String servletPath) {
        if (servletPath == null || servletPath.isEmpty() || servletPath.equals("/")) {
            return List.of();
        }
        String trimmed = servletPath.startsWith("/") ? servletPath.substring(1) : servletPath;
        return List.of(trimmed.split("/", -1));
    }

    /** Percent-decodes one segment to bytes (characters outside ASCII as UTF-8); null on a bad escape. */
    static byte[] percentDecode(String segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                // a raw non-ASCII character the container already decoded: back to its UTF-8 bytes
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < segment.length()) {
                    utf8 = segment.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    /** True when a raw segment has no escapes and only ASCII characters: it decodes to itself. */
    private static boolean isPlainAscii(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Strict UTF-8 decoding (malformed or unmappable input is refused, not replaced). */
    static String utf8(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            ascii &= b >= 0;
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.US_ASCII); // ASCII is valid UTF-8 as it is
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static RequestPath error(int status, String reason) {
        return new RequestPath(List.of(), status, reason);
    }
}
