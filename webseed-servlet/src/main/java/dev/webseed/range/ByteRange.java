package dev.webseed.range;

/**
 * One satisfiable byte range of a representation, both ends inclusive (RFC 9110 §14.1.2), already
 * clamped to the representation's length.
 *
 * @param first offset of the first byte
 * @param last  offset of the last byte, at least {@code first}
 */
public record ByteRange(long first, long last) {
    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad range " + first + "-" + last);
        }
    }

    /** Number of bytes in the range. */
    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value of this range of a representation of {@code total} bytes (RFC 9110 §14.4). */
    public String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /** The {@code Content-Range} value of a 416 response: {@code bytes *}{@code /total} (RFC 9110 §14.4). */
    public static String unsatisfied(long total) {
        return "bytes */" + total;
    }
}
