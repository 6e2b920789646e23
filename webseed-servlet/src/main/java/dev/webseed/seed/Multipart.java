package dev.webseed.seed;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.webseed.range.ByteRange;

/**
 * The framing of a {@code multipart/byteranges} body (RFC 9110 §14.6, RFC 2046 §5.1.1), computed
 * up front so the response carries an exact {@code Content-Length} (no chunking, W3).
 *
 * <pre>
 * --BOUNDARY CRLF Content-Type: application/octet-stream CRLF Content-Range: bytes a-b/len CRLF CRLF data
 * CRLF --BOUNDARY CRLF ... data
 * CRLF --BOUNDARY-- CRLF
 * </pre>
 */
final class Multipart {
    private final String boundary;
    private final long total;

    private Multipart(String boundary, long total) {
        this.boundary = boundary;
        this.total = total;
    }

    /** A random 32-hex-digit boundary: unpredictable, so file bytes cannot be crafted to contain it. */
    static Multipart random(long total) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new Multipart("webseed" + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE), total);
    }

    String contentType() {
        return "multipart/byteranges; boundary=" + boundary;
    }

    /** The delimiter and headers before part {@code index} (the first has no leading CRLF). */
    byte[] partHeader(int index, ByteRange range) {
        String head = (index == 0 ? "" : "\r\n") + "--" + boundary + "\r\n"
                + "Content-Type: " + SeedService.OCTET_STREAM + "\r\n"
                + "Content-Range: " + range.contentRange(total) + "\r\n\r\n";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    /** The close delimiter after the last part. */
    byte[] closing() {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The exact body length for these ranges. */
    long contentLength(List<ByteRange> ranges) {
        long length = closing().length;
        for (int i = 0; i < ranges.size(); i++) {
            length += partHeader(i, ranges.get(i)).length + ranges.get(i).length();
        }
        return length;
    }
}
