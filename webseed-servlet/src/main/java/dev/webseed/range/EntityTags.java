package dev.webseed.range;

/**
 * Matching of {@code If-Match} / {@code If-None-Match} lists and {@code If-Range} values against
 * our strong entity tag (RFC 9110 §8.8.3).
 */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * True when the field value is {@code *} or lists an entity tag equal to {@code etag}.
     * Strong comparison (If-Match, If-Range) needs both tags strong; weak comparison (If-None-Match)
     * ignores the {@code W/} prefix (RFC 9110 §8.8.3.2). A malformed list stops at the bad element.
     */
    static boolean listMatches(String field, String etag, boolean strong) {
        String value = field.trim();
        if (value.equals("*")) {
            return true;
        }
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            boolean weak = false;
            if (c == 'W' && i + 1 < n && value.charAt(i + 1) == '/') {
                weak = true;
                i += 2;
            }
            if (i >= n || value.charAt(i) != '"') {
                return false;
            }
            int close = value.indexOf('"', i + 1);
            if (close < 0) {
                return false;
            }
            String tag = value.substring(i, close + 1);
            if (tag.equals(etag) && !(strong && weak)) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }
}
