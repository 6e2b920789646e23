package dev.webseed.servlet;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;

import dev.webseed.http.Route;

/**
 * The request target as an access log may write it: paygate tokens masked. A
 * token is a bearer credential, and access logs are read and kept by more people than the shop.
 *
 * <p>The rule, in one place: a path segment that follows a segment {@code t} (compared after
 * percent-decoding and without {@code ;parameters}, as the servlets compare it: {@code
 * /seed/t/{token}/...}, {@code /torrent/t/{token}/...}) and the value of every query parameter named
 * {@code token} ({@code /announce?token=...}) are written as {@value #MASK}. Everything else is
 * written as received.</p>
 *
 * <p>As a listener in the web application it puts the masked target into the request attribute
 * {@value #ATTRIBUTE} before any servlet runs, for the container's access log: Jetty's {@code
 * requestlog} module {@code %{dev.webseed.logTarget}attr}, Tomcat's {@code AccessLogValve}
 * {@code %{dev.webseed.logTarget}r} (README "Access logs"). A request the container refuses before
 * the application sees it has no attribute and is logged as {@code -}.</p>
 */
public final class AccessLogMask implements ServletRequestListener {
    /** The request attribute holding the masked target (path and query). */
    public static final String ATTRIBUTE = "dev.webseed.logTarget";
    static final String MASK = "***";

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        if (event.getServletRequest() instanceof HttpServletRequest request) {
            request.setAttribute(ATTRIBUTE, mask(request.getRequestURI(), request.getQueryString()));
        }
    }

    /** The path and query (null: none) with every token masked. */
    public static String mask(String path, String query) {
        StringBuilder out = new StringBuilder();
        String[] segments = path == null ? new String[0] : path.split("/", -1);
        boolean afterT = false;
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(afterT ? MASK : segments[i]);
            afterT = !afterT && plain(segments[i]).equals(Route.TOKEN_SEGMENT);
        }
        if (query != null) {
            out.append('?');
            String[] params = query.split("&", -1);
            for (int i = 0; i < params.length; i++) {
                if (i > 0) {
                    out.append('&');
                }
                int eq = params[i].indexOf('=');
                String name = eq < 0 ? params[i] : params[i].substring(0, eq);
                out.append(plain(name).equals(Route.TOKEN_PARAMETER) ? name + "=" + MASK : params[i]);
            }
        }
        return out.toString();
    }

    /** A segment or name as compared: {@code ;parameters} dropped, percent-escapes decoded. */
    private static String plain(String raw) {
        int semicolon = raw.indexOf(';');
        String s = semicolon < 0 ? raw : raw.substring(0, semicolon);
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out[n++] = (byte) (hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
