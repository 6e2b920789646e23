package dev.webseed.http;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.tracker.Addresses;

/**
 * The public base URL of the web application (ends in {@code /}, includes the context path), from
 * which the URLs written into torrents start: {@code publicUrl} when it is set. Otherwise it is
 * derived from the request: its scheme, its {@code Host} header (or the server name and port when
 * the header is absent or malformed) and the context path.
 *
 * <p>Behind a reverse proxy: when the request comes from a {@code trustedProxies}
 * address (the tracker's trust rule, {@link Addresses#isTrustedProxy}), {@code X-Forwarded-Host}
 * and {@code X-Forwarded-Proto}, or else RFC 7239 {@code Forwarded} {@code host=} and {@code
 * proto=}, replace the Host header and the scheme. Of several values the last counts: the one the
 * trusted proxy itself added. From any other address these headers are ignored, so a client cannot
 * put another host into the torrents it is given. The context path is the origin's own (no
 * {@code X-Forwarded-Prefix}); a proxy that maps another path sets {@code publicUrl}.</p>
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
        if (fromTrustedProxy(request, config)) {
            String forwarded = joined(request, "Forwarded");
            String forwardedHost = last(joined(request, "X-Forwarded-Host"), Addresses.forwarded(forwarded, "host"));
            String forwardedProto = last(joined(request, "X-Forwarded-Proto"), Addresses.forwarded(forwarded, "proto"));
            if (forwardedHost != null && HOST.matcher(forwardedHost).matches()) {
                host = forwardedHost;
            }
            if (forwardedProto != null && (forwardedProto.equalsIgnoreCase("http")
                    || forwardedProto.equalsIgnoreCase("https"))) {
                scheme = forwardedProto.toLowerCase(Locale.ROOT);
            }
        }
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

    private static boolean fromTrustedProxy(HttpServletRequest request, WebseedConfig config) {
        List<String> proxies = config.get(Settings.TRUSTED_PROXIES);
        try {
            return !proxies.isEmpty() && new Addresses(proxies).isTrustedProxy(request.getRemoteAddr());
        } catch (IllegalArgumentException e) {
            return false; // refused at start-up by the tracker; never trust a list that does not parse
        }
    }

    /** Every line of a header joined with commas, or null. */
    private static String joined(HttpServletRequest request, String name) {
        List<String> lines = Collections.list(request.getHeaders(name));
        return lines.isEmpty() ? null : String.join(",", lines);
    }

    /** The last comma-separated value of an X-Forwarded header, else the last Forwarded value, else null. */
    private static String last(String xForwarded, List<String> forwarded) {
        if (xForwarded != null) {
            String[] values = xForwarded.split(",");
            String value = values.length == 0 ? "" : values[values.length - 1].trim();
            return value.isEmpty() ? null : value;
        }
        return forwarded.isEmpty() ? null : forwarded.get(forwarded.size() - 1);
    }
}
