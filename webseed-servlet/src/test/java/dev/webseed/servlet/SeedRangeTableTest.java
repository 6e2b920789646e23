package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The range-request table (after Tomcat's TestDefaultServletRangeRequests), against a 1000-byte
 * file: Range and If-Range header → status, Content-Range(s) and exact body bytes.
 *
 * <p>Where we differ from Tomcat, the row says why: {@code unknown=} is ignored (200) because RFC
 * 9110 §14.2 says an origin MUST ignore a range unit it does not understand; adjacent and
 * overlapping ranges are coalesced into one part (§14.2 allows it).</p>
 */
final class SeedRangeTableTest {
    private static final String ETAG = "<etag>";
    private static final String DATE = "<last-modified>";
    private static final String FULL = "full";

    @TempDir
    static Path root;
    private static SeedFixture seed;
    private static String etag;
    private static String lastModified;

    @BeforeAll
    static void start() throws Exception {
        seed = SeedFixture.start(root);
        HttpTester.Response head = seed.request("HEAD", "data.bin");
        etag = head.get("ETag");
        lastModified = head.get("Last-Modified");
    }

    @AfterAll
    static void stop() throws Exception {
        seed.close();
    }

    /** range, If-Range, status, then the expected Content-Range values ("full" = whole body, 200). */
    static Stream<Arguments> table() {
        return Stream.of(
                row(null, null, 200, FULL),
                // invalid bytes specifiers: 416 (RFC 9110 §14.2 "ignore or reject"; W4 forbids the 200)
                row("bytes", null, 416, "*/1000"),
                row("bytes=", null, 416, "*/1000"),
                row("unknown", null, 416, "*/1000"),
                row("bytes=-", null, 416, "*/1000"),
                row("bytes=10-b", null, 416, "*/1000"),
                row("bytes=b-10", null, 416, "*/1000"),
                row("bytes 1-10", null, 416, "*/1000"),
                row("bytes1-10", null, 416, "*/1000"),
                row("bytes10-", null, 416, "*/1000"),
                row("bytes-10", null, 416, "*/1000"),
                row("bytes=10-5", null, 416, "*/1000"),
                row("bytes=-5-10", null, 416, "*/1000"),
                row("bytes=--5", null, 416, "*/1000"),
                row("bytes=0 - 9", null, 416, "*/1000"),
                row("bytes=0-9,junk", null, 416, "*/1000"),
                row("bytes=0x10-20", null, 416, "*/1000"),
                // unsatisfiable
                row("bytes=1000-2000", null, 416, "*/1000"),
                row("bytes=1000-", null, 416, "*/1000"),
                row("bytes=99999999999999999999-", null, 416, "*/1000"),
                row("bytes=-0", null, 416, "*/1000"),
                // unknown units are ignored (RFC 9110 §14.2 MUST): the whole file
                row("unknown=1-2", null, 200, FULL),
                row("unknown=", null, 200, FULL),
                row("bytesX=1-2", null, 200, FULL),
                row("Xbytes=1-2", null, 200, FULL),
                // one range (W1), open-ended, suffix
                row("bytes=0-9", null, 206, "0-9/1000"),
                row("BYTES=0-9", null, 206, "0-9/1000"),
                row("bytes=999-999", null, 206, "999-999/1000"),
                row("bytes=-100", null, 206, "900-999/1000"),
                row("bytes=100-", null, 206, "100-999/1000"),
                row("bytes= 0-9", null, 206, "0-9/1000"),
                row("bytes=0-9,", null, 206, "0-9/1000"),
                // too much: clamped, never shortened, never 416 (W2)
                row("bytes=0-1000", null, 206, "0-999/1000"),
                row("bytes=990-5000", null, 206, "990-999/1000"),
                row("bytes=-1000", null, 206, "0-999/1000"),
                row("bytes=-5000", null, 206, "0-999/1000"),
                row("bytes=0-99999999999999999999", null, 206, "0-999/1000"),
                // several ranges: coalesced when overlapping or adjacent, else multipart in request order
                row("bytes=0-9,10-10", null, 206, "0-10/1000"),
                row("bytes=0-50,25-75", null, 206, "0-75/1000"),
                row("bytes=0-9,1000-2000", null, 206, "0-9/1000"),
                row("bytes=0-9, 20-29", null, 206, "0-9/1000", "20-29/1000"),
                row("bytes=500-599,0-9", null, 206, "500-599/1000", "0-9/1000"),
                row("bytes=0-0,-1", null, 206, "0-0/1000", "999-999/1000"),
                row("bytes=0-9,20-29,5-24", null, 206, "0-29/1000"),
                row(spread(16), null, 206, spreadRanges(16)),
                row(spread(17), null, 416, "*/1000"),
                // If-Range (RFC 9110 §13.1.5)
                row("bytes=0-9", ETAG, 206, "0-9/1000"),
                row("bytes=0-9", "\"other\"", 200, FULL),
                row("bytes=0-9", "W/" + ETAG, 200, FULL),
                row("bytes=0-9", DATE, 206, "0-9/1000"),
                row("bytes=0-9", "Thu, 01 Jan 1970 00:00:01 GMT", 200, FULL),
                row("bytes=0-9", "a-b-c", 200, FULL),
                row("bytes=1000-2000", "\"other\"", 200, FULL));
    }

    @ParameterizedTest(name = "Range: {0} / If-Range: {1} -> {2} {3}")
    @MethodSource("table")
    void range(String range, String ifRange, int status, List<String> contentRanges) throws Exception {
        List<String> headers = new ArrayList<>();
        if (range != null) {
            headers.add("Range: " + range);
        }
        if (ifRange != null) {
            headers.add("If-Range: " + ifRange.replace(ETAG, etag).replace(DATE, lastModified));
        }
        HttpTester.Response response = seed.get("data.bin", headers.toArray(new String[0]));
        String where = "Range: " + range + "\n" + response;

        assertThat(where, response.getStatus(), is(status));
        assertThat(where, response.get("Accept-Ranges"), is("bytes"));
        assertThat(where, response.get("Content-Encoding"), nullValue());
        byte[] body = response.getContentBytes();
        if (status == 200) {
            assertThat(where, response.get("Content-Range"), nullValue());
            assertThat(where, response.get("Content-Length"), is("1000"));
            assertThat(where, Arrays.equals(body, seed.data), is(true));
        } else if (status == 416) {
            assertThat(where, response.get("Content-Range"), is("bytes " + contentRanges.get(0)));
            assertThat(where, response.get("Content-Type"), startsWith("text/plain"));
        } else if (contentRanges.size() == 1) {
            String expected = contentRanges.get(0);
            assertThat(where, response.get("Content-Range"), is("bytes " + expected));
            assertThat(where, response.get("Content-Length"), is(Integer.toString(body.length)));
            assertThat(where, body, equalTo(slice(expected)));
        } else {
            List<MultipartParts.Part> parts = MultipartParts.parse(body, response.get("Content-Type"));
            assertThat(where, response.get("Content-Length"), is(Integer.toString(body.length)));
            assertThat(where, parts.stream().map(MultipartParts.Part::contentRange).collect(Collectors.toList()),
                    is(contentRanges.stream().map(r -> "bytes " + r).collect(Collectors.toList())));
            for (int i = 0; i < parts.size(); i++) {
                assertThat(where, parts.get(i).body(), equalTo(slice(contentRanges.get(i))));
                assertThat(where, parts.get(i).contentType(), is("application/octet-stream"));
            }
        }
    }

    private static Arguments row(String range, String ifRange, int status, String... contentRanges) {
        return Arguments.of(range, ifRange, status, List.of(contentRanges));
    }

    /** {@code n} separate one-byte ranges: 0-0, 2-2, 4-4, ... */
    private static String spread(int n) {
        return "bytes=" + IntStream.range(0, n).mapToObj(i -> (2 * i) + "-" + (2 * i)).collect(Collectors.joining(","));
    }

    private static String[] spreadRanges(int n) {
        return IntStream.range(0, n).mapToObj(i -> (2 * i) + "-" + (2 * i) + "/1000").toArray(String[]::new);
    }

    private static byte[] slice(String contentRange) {
        String[] span = contentRange.substring(0, contentRange.indexOf('/')).split("-");
        return Arrays.copyOfRange(seed.data, Integer.parseInt(span[0]), Integer.parseInt(span[1]) + 1);
    }
}
