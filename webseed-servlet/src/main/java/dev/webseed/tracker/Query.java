package dev.webseed.tracker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A tracker query string decoded by hand into raw byte values (T1).
 *
 * <p>{@code info_hash}, {@code peer_id} and {@code key} are binary, so the query is never read
 * through {@code getParameter()}: Jetty answers 400 and Tomcat replaces bytes with U+FFFD. Here
 * {@code %xx} escapes (either case) become one byte each, any other character must be a single
 * byte and is taken as is ({@code +} stays a plus: it is not a space in a tracker query), and
 * the number and length of parameters are bounded. A malformed query is a {@link
 * TrackerFailure}, which the servlet turns into a bencoded failure reason.</p>
 */
final class Query {
    /** Longest decoded value; {@code info_hash} and {@code peer_id} are 20, {@code key} a few. */
    static final int MAX_VALUE_BYTES = 256;
    /** Longest value of the gate's credential parameter (a paygate token: {@code paygateMaxTokenBytes} ≤ 8192). */
    static final int MAX_CREDENTIAL_BYTES = 8192;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] HEX = new byte[128];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX['a' + i] = (byte) (10 + i);
            HEX['A' + i] = (byte) (10 + i);
        }
    }

    private final List<String> names;
    private final List<byte[]> values;

    private Query(List<String> names, List<byte[]> values) {
        this.names = names;
        this.values = values;
    }

    /**
     * Decodes a raw query string ({@code getQueryString()}, without the {@code ?}).
     *
     * @param raw       the query, or null for none
     * @param maxChars  longest raw query accepted
     * @param maxParams most {@code name=value} pairs accepted
     * @throws TrackerFailure when the query breaks a bound or holds a truncated or bad escape
     */
    static Query parse(String raw, int maxChars, int maxParams) {
        return parse(raw, maxChars, maxParams, null);
    }

    /**
     * Like {@link #parse(String, int, int)}, with the values of the parameter named {@code
     * credential} (the gate's, {@link SwarmGate#credentialParameter()}) allowed up to {@link
     * #MAX_CREDENTIAL_BYTES}.
     */
    static Query parse(String raw, int maxChars, int maxParams, String credential) {
        List<String> names = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return new Query(names, values);
        }
        if (raw.length() > maxChars) {
            throw new TrackerFailure("query string too long (more than " + maxChars + " characters)");
        }
        int length = raw.length();
        int start = 0;
        while (start <= length) {
            int end = raw.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                if (names.size() == maxParams) {
                    throw new TrackerFailure("too many query parameters (more than " + maxParams + ")");
                }
                int eq = raw.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    eq = end;
                }
                String name = name(raw, start, eq);
                names.add(name);
                values.add(eq == end ? EMPTY
                        : decode(raw, eq + 1, end, name.equals(credential) ? MAX_CREDENTIAL_BYTES : MAX_VALUE_BYTES));
            }
            start = end + 1;
        }
        return new Query(names, values);
    }

    /** A parameter name; names are plain ASCII in practice, so the common case is one substring. */
    private static String name(String raw, int from, int to) {
        int percent = raw.indexOf('%', from);
        if (percent < 0 || percent >= to) {
            for (int i = from; i < to; i++) {
                char c = raw.charAt(i);
                if (c > 0xff || c < 0x21) {
                    throw new TrackerFailure("invalid character in query");
                }
            }
            if (to - from > 64) {
                throw new TrackerFailure("query parameter too long (more than 64 bytes)");
            }
            return raw.substring(from, to);
        }
        return new String(decode(raw, from, to, 64), StandardCharsets.ISO_8859_1);
    }

    /** Percent-decodes {@code raw[from, to)} to bytes; RFC 3986 §2.1 allows either hex case. */
    static byte[] decode(String raw, int from, int to, int maxBytes) {
        byte[] out = new byte[Math.min(to - from, maxBytes + 1)];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (n == maxBytes) {
                throw new TrackerFailure("query parameter too long (more than " + maxBytes + " bytes)");
            }
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= to) {
                    throw new TrackerFailure("truncated %-escape in query");
                }
                int hi = hex(raw.charAt(i + 1));
                int lo = hex(raw.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    throw new TrackerFailure("invalid %-escape in query");
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c > 0xff || c < 0x21) {
                // a container may hand over raw octets as ISO-8859-1 chars; anything wider or a
                // control character is not a query byte
                throw new TrackerFailure("invalid character in query");
            } else {
                out[n++] = (byte) c;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static int hex(char c) {
        return c < 128 ? HEX[c] : -1;
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    byte[] value(int i) {
        return values.get(i);
    }

    /** The only value of a parameter, or empty when absent; repeated is a refusal. */
    Optional<byte[]> single(String name) {
        byte[] found = null;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                if (found != null) {
                    throw new TrackerFailure("parameter " + name + " repeated");
                }
                found = values.get(i);
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every value of a parameter, in order (scrape repeats {@code info_hash}, BEP 48). */
    List<byte[]> all(String name) {
        List<byte[]> found = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                found.add(values.get(i));
            }
        }
        return found;
    }
}
