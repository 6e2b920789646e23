package dev.webseed.seed;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.webseed.range.ByteRange;

/** The multipart/byteranges framing and its precomputed length (RFC 9110 §14.6). */
final class MultipartTest {
    @Test
    void contentLengthIsTheSumOfFramingAndData() {
        Multipart multipart = Multipart.random(1000);
        List<ByteRange> ranges = List.of(new ByteRange(0, 9), new ByteRange(500, 999));
        String first = new String(multipart.partHeader(0, ranges.get(0)), StandardCharsets.US_ASCII);
        String second = new String(multipart.partHeader(1, ranges.get(1)), StandardCharsets.US_ASCII);
        String boundary = multipart.contentType().substring("multipart/byteranges; boundary=".length());

        assertThat(first, is("--" + boundary + "\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Range: bytes 0-9/1000\r\n\r\n"));
        assertThat(second, startsWith("\r\n--" + boundary + "\r\n"));
        assertThat(new String(multipart.closing(), StandardCharsets.US_ASCII), is("\r\n--" + boundary + "--\r\n"));
        assertThat(multipart.contentLength(ranges),
                is((long) first.length() + 10 + second.length() + 500 + multipart.closing().length));
    }

    @Test
    void boundariesAreUnpredictable() {
        assertThat(Multipart.random(1).contentType(), not(is(Multipart.random(1).contentType())));
    }
}
