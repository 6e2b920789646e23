package dev.webseed.jetty.cli;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of relative paths for the URLs the command line prints. */
public final class UrlPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlPaths() {
    }

    /**
     * Encodes each {@code /}-separated segment as UTF-8, keeping only RFC 3986 §2.3 unreserved
     * characters ({@code A-Z a-z 0-9 - . _ ~}) literal, so the URL is plain ASCII that every client
     * and shell passes through unchanged (W19): a space is {@code %20}, {@code +} is
     * {@code %2B}.
     */
    public static String encodePath(String relativePath) {
        StringBuilder sb = new StringBuilder();
        for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '/' || unreserved(c)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    private static boolean unreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
