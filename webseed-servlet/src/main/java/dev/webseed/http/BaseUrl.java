package dev.webseed.http;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;

/**
 * The public base URL of the web application (ends in {@code /}, includes the context path), from
 * which the URLs written into torrents start: {@code publicUrl} when it is set. Otherwise it is
 * derived from the request: its scheme, its {@code Host} header (or the server name and port when
 * the header is absent or malformed) and the context path. That is right for a server reached
 * directly; behind a proxy or TLS terminator, or when torrents are handed to third parties, set
 * {@code publicUrl}.
 */
public final class BaseUrl {
    private static final Pattern HOST = Pattern.compile(
            "([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");

    private BaseUrl() {
    }

    /** {@code publicUrl}, or scheme + Host + context path of the request. */
    public static URI of(HttpServletRequest request, WebseedConfig config) {
        URI configured = config.find(Settings.PUBLIC_URL).orElse(null);
        if (configured != null) {
            return configured;
        }
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        String host = request.getHeader("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            host = request.getServerName();
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            int port = request.getServerPort();
            boolean standard = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            host = standard || port <= 0 ? host : host + ":" + port;
        }
        return URI.create(scheme + "://" + host + request.getContextPath() + "/");
    }
}
