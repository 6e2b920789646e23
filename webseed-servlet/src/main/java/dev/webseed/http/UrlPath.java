package dev.webseed.http;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of the paths Webseed writes into URLs (url-list, announce, magnet links, the
 * command line's output): UTF-8, only RFC 3986 §2.3 unreserved characters ({@code A-Za-z0-9-._~})
 * literal, upper-case hex (§2.1), so every URL is plain ASCII that no client re-escapes or drops
 * (docs/protocol.md W19): a space is {@code %20}, {@code +} is {@code %2B}. Decoding is
 * {@link RequestPath}.
 */
public final class UrlPath {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlPath() {
    }

    /** Percent-encodes everything but the unreserved characters (RFC 3986 §2.3), {@code /} included. */
    public static String encode(String text) {
        return encode(text, false);
    }

    /** Encodes each {@code /}-separated segment of a relative path, keeping the separators. */
    public static String encodePath(String relativePath) {
        return encode(relativePath, true);
    }

    private static String encode(String text, boolean keepSlash) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (unreserved(c) || (keepSlash && c == '/')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return sb.toString();
    }

    private static boolean unreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
