package dev.webseed.range;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Parses a {@code Range} header (RFC 9110 §14.1-§14.2) against a representation length and applies
 * the webseed's multi-range policy. Never throws on client input.
 *
 * <p>Decisions, each from RFC 9110:</p>
 * <ul>
 * <li>No header, or a range unit other than {@code bytes} (compared case-insensitively, §14.1):
 *     {@link RangeRequest.Kind#FULL}. An origin "MUST ignore a Range header field that contains a
 *     range unit it does not understand" (§14.2).</li>
 * <li>A {@code bytes} header with an invalid ranges-specifier ({@code bytes=}, {@code bytes=10-b},
 *     {@code bytes=5-1}, spaces inside a range, a missing {@code =}): 416. §14.2 lets a server
 *     "ignore or reject" an invalid specifier; we reject, because ignoring means a 200 with the
 *     whole file to a client that asked for a range, which BitTorrent clients treat as a failure or
 *     a memory blow-up (W4), and because Tomcat's DefaultServlet answers the same.</li>
 * <li>{@code last-pos} past the end is clamped to {@code length - 1} (§14.1.1; W2);
 *     numbers too large for a {@code long} saturate instead of overflowing, so
 *     {@code bytes=0-99999999999999999999} is the whole file and a huge first-pos is unsatisfiable.</li>
 * <li>Unsatisfiable ranges (first-pos at or past the end, a zero suffix-length) are dropped; if none
 *     is left the answer is 416 (§14.1.1, §15.5.17). A zero-length representation has no range we
 *     can send (a 206 cannot describe zero bytes), so any range on it is 416.</li>
 * <li>Overlapping and adjacent ranges are coalesced (§14.2 and §15.3.7.2 allow it; this is Jetty's
 *     defence against {@code bytes=10-60,10-60,...}). Coalesced ranges keep the request order of
 *     their first member (§15.3.7.2: parts SHOULD follow the request order).</li>
 * <li>More than {@code maxRanges} ranges after coalescing: 416 with a reason (§14.2 allows rejecting
 *     "many small ranges"; §15.5.17 names "an excessive request" as a 416 case).</li>
 * </ul>
 */
public final class RangeParser {
    private static final String BYTES = "bytes";

    private RangeParser() {
    }

    /**
     * Decides a request.
     *
     * @param header    the {@code Range} field value, or {@code null} when absent
     * @param length    the representation length in bytes
     * @param maxRanges most ranges allowed after coalescing (at least 1)
     */
    public static RangeRequest parse(String header, long length, int maxRanges) {
        if (header == null) {
            return RangeRequest.full();
        }
        int eq = header.indexOf('=');
        if (eq < 0) {
            return RangeRequest.unsatisfiable("malformed Range header");
        }
        String unit = header.substring(0, eq);
        if (!isToken(unit)) {
            return RangeRequest.unsatisfiable("malformed Range header");
        }
        if (!unit.toLowerCase(Locale.ROOT).equals(BYTES)) {
            return RangeRequest.full();
        }
        List<Spec> specs = new ArrayList<>();
        for (String element : header.substring(eq + 1).split(",", -1)) {
            String trimmed = trimOws(element);
            if (trimmed.isEmpty()) {
                continue; // RFC 9110 §5.6.1: empty list elements are ignored
            }
            Spec spec = Spec.parse(trimmed, specs.size());
            if (spec == null) {
                return RangeRequest.unsatisfiable("malformed range '" + abbreviate(trimmed) + "'");
            }
            specs.add(spec);
        }
        if (specs.isEmpty()) {
            return RangeRequest.unsatisfiable("empty Range header");
        }
        List<Spec> satisfiable = new ArrayList<>(specs.size());
        for (Spec spec : specs) {
            Spec clamped = spec.clamp(length);
            if (clamped != null) {
                satisfiable.add(clamped);
            }
        }
        if (satisfiable.isEmpty()) {
            return RangeRequest.unsatisfiable("no satisfiable range in a representation of " + length + " bytes");
        }
        List<ByteRange> ranges = coalesce(satisfiable);
        if (ranges.size() > maxRanges) {
            return RangeRequest.unsatisfiable("too many ranges: " + ranges.size() + " after merging overlaps, at most "
                    + maxRanges + " allowed");
        }
        return RangeRequest.partial(ranges);
    }

    /** Merges overlapping and adjacent ranges; each merged range takes the order of its earliest member. */
    static List<ByteRange> coalesce(List<Spec> specs) {
        if (specs.size() == 1) {
            return List.of(new ByteRange(specs.get(0).first, specs.get(0).last)); // the webseed case: nothing to merge
        }
        List<Spec> byStart = new ArrayList<>(specs);
        byStart.sort(Comparator.comparingLong(Spec::first));
        List<Spec> merged = new ArrayList<>();
        Spec current = byStart.get(0);
        for (int i = 1; i < byStart.size(); i++) {
            Spec next = byStart.get(i);
            if (next.first <= current.last || next.first - 1 == current.last) {
                current = new Spec(current.first, Math.max(current.last, next.last),
                        Math.min(current.order, next.order));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        merged.sort(Comparator.comparingInt(Spec::order));
        List<ByteRange> ranges = new ArrayList<>(merged.size());
        for (Spec spec : merged) {
            ranges.add(new ByteRange(spec.first, spec.last));
        }
        return ranges;
    }

    /**
     * One range-spec. Before {@link #clamp} a suffix range has {@code first = -1} and the suffix
     * length in {@code last}; an open int-range has {@code last = Long.MAX_VALUE}.
     */
    record Spec(long first, long last, int order) {
        /** Parses {@code first-[last]} or {@code -suffix} (RFC 9110 §14.1.1); null when invalid. */
        static Spec parse(String text, int order) {
            int dash = text.indexOf('-');
            if (dash < 0) {
                return null;
            }
            String left = text.substring(0, dash);
            String right = text.substring(dash + 1);
            if (left.isEmpty()) {
                long suffix = digits(right);
                return suffix < 0 ? null : new Spec(-1, suffix, order);
            }
            long first = digits(left);
            if (first < 0) {
                return null;
            }
            if (right.isEmpty()) {
                return new Spec(first, Long.MAX_VALUE, order);
            }
            long last = digits(right);
            // RFC 9110 §14.1.1: a range-spec whose last-pos is less than its first-pos is invalid
            return last < 0 || last < first ? null : new Spec(first, last, order);
        }

        /** The satisfiable part of this range in {@code length} bytes, or null (RFC 9110 §14.1.1). */
        Spec clamp(long length) {
            if (first < 0) {
                if (last == 0 || length == 0) {
                    return null;
                }
                return new Spec(Math.max(0, length - last), length - 1, order);
            }
            if (first >= length) {
                return null;
            }
            return new Spec(first, Math.min(last, length - 1), order);
        }
    }

    /** A run of ASCII digits as a non-negative long, saturating at Long.MAX_VALUE; -1 when not all digits. */
    static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int d = c - '0';
            value = value > (Long.MAX_VALUE - d) / 10 ? Long.MAX_VALUE : value * 10 + d;
        }
        return value;
    }

    /** RFC 9110 §5.6.2 token. */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String trimOws(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isOws(text.charAt(start))) {
            start++;
        }
        while (end > start && isOws(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
