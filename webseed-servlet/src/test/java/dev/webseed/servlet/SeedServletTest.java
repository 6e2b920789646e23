package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.seed.SeedService;
import dev.webseed.stats.Outcome;
import dev.webseed.stats.StatsSnapshot;
import dev.webseed.testing.SteppingClock;

/** One test per W row of docs/protocol.md the webseed servlet implements, plus validators, HEAD and stats. */
final class SeedServletTest {
    @TempDir
    Path root;
    private SeedFixture seed;

    @BeforeEach
    void start() throws Exception {
        seed = SeedFixture.start(root);
    }

    @AfterEach
    void stop() throws Exception {
        seed.close();
    }

    @Test
    void w1_oneRangeIsExact206() throws Exception {
        HttpTester.Response response = seed.get("data.bin", "Range: bytes=100-199");
        assertThat(response.toString(), response.getStatus(), is(206));
        assertThat(response.toString(), response.get("Content-Range"), is("bytes 100-199/1000"));
        assertThat(response.toString(), response.get("Content-Length"), is("100"));
        assertThat(response.toString(), response.getContentBytes(), equalTo(Arrays.copyOfRange(seed.data, 100, 200)));
    }

    @Test
    void w2_endPastEofIsClamped() throws Exception {
        // WebTorrent asks past EOF for later files of a multi-file torrent (W2)
        HttpTester.Response response = seed.get("multi/Gr%C3%BC%C3%9Fe%20Welt%2B1.dat", "Range: bytes=586-777793");
        assertThat(response.toString(), response.getStatus(), is(206));
        assertThat(response.toString(), response.get("Content-Range"), is("bytes 586-776/777"));
        assertThat(response.toString(), response.getContentBytes(),
                equalTo(Arrays.copyOfRange(SeedFixture.bytes(777, 2), 586, 777)));
    }

    @Test
    void w3_noRangeIs200WithContentLengthNotChunked() throws Exception {
        HttpTester.Response response = seed.get("data.bin");
        assertThat(response.toString(), response.getStatus(), is(200));
        assertThat(response.toString(), response.get("Content-Length"), is("1000"));
        assertThat(response.toString(), response.get("Transfer-Encoding"), nullValue());
        assertThat(response.toString(), response.get("Accept-Ranges"), is("bytes"));
        assertThat(response.toString(), response.get("Content-Type"), is("application/octet-stream"));
        assertThat(response.toString(), response.getContentBytes(), equalTo(seed.data));
    }

    @Test
    void w4_aWholeFileRangeIs206NotA200() throws Exception {
        // aria2 asks for the whole file as one range; Transmission counts anything but 206 as a failure
        HttpTester.Response response = seed.get("data.bin", "Range: bytes=0-999");
        assertThat(response.toString(), response.getStatus(), is(206));
        assertThat(response.toString(), response.get("Content-Range"), is("bytes 0-999/1000"));
        assertThat(response.toString(), response.getContentBytes(), equalTo(seed.data));
    }

    @Test
    void w6_noContentEncodingWhateverAcceptEncodingSays() throws Exception {
        HttpTester.Response response = seed.get("data.bin", "Accept-Encoding: gzip, br, deflate",
                "Range: bytes=0-99");
        assertThat(response.toString(), response.get("Content-Encoding"), nullValue());
        assertThat(response.toString(), response.get("Cache-Control"), is("no-transform"));
        assertThat(response.toString(), response.getContentBytes(), equalTo(Arrays.copyOf(seed.data, 100)));
    }

    @Test
    void w7_pipelinedRequestsOnOneConnectionAreAllAnswered() throws Exception {
        // libtorrent writes several GETs in one buffer (W7)
        String requests = "GET /ctx/seed/data.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-9\r\n\r\n"
                + "GET /ctx/seed/missing.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "GET /ctx/seed/multi/sub/nested%20file.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=10-19\r\n"
                + "Connection: close\r\n\r\n";
        List<HttpTester.Response> responses = seed.pipelined(requests);
        assertThat(responses.toString(), responses.size(), is(3));
        assertThat(responses.get(0).toString(), responses.get(0).getStatus(), is(206));
        assertThat(responses.get(0).toString(), responses.get(0).get("Connection"), nullValue());
        assertThat(responses.get(0).toString(), responses.get(0).getContentBytes(),
                equalTo(Arrays.copyOf(seed.data, 10)));
        assertThat(responses.get(1).toString(), responses.get(1).getStatus(), is(404));
        assertThat(responses.get(1).toString(), responses.get(1).get("Connection"), nullValue());
        assertThat(responses.get(2).toString(), responses.get(2).getStatus(), is(206));
        assertThat(responses.get(2).toString(), responses.get(2).getContentBytes(),
                equalTo(Arrays.copyOfRange(SeedFixture.bytes(300, 3), 10, 20)));
    }

    @Test
    void w8_noHostPortAndNoUserAgentAreFine() throws Exception {
        // libtorrent <= 2.0.13 sends Host without the port and User-Agent only on the first request
        HttpTester.Response response = seed.raw("GET /ctx/seed/data.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Range: bytes=5-6\r\n\r\n");
        assertThat(response.toString(), response.getStatus(), is(206));
        assertThat(response.toString(), response.getContentBytes(), equalTo(Arrays.copyOfRange(seed.data, 5, 7)));
        assertThat(response.toString(), response.get("Location"), nullValue());
    }

    @Test
    void w9_percentEncodingInEitherCaseAndLiteralPlus() throws Exception {
        byte[] expected = SeedFixture.bytes(777, 2);
        for (String path : List.of("multi/Gr%c3%bc%c3%9fe%20Welt%2b1.dat", // libtorrent
                "multi/Gr%C3%BC%C3%9Fe%20Welt%2B1.dat", // aria2, Transmission
                "multi/Gr%C3%BC%C3%9Fe%20Welt+1.dat")) { // WebTorrent: a raw plus
            HttpTester.Response response = seed.get(path, "Range: bytes=0-776");
            assertThat(path + "\n" + response, response.getStatus(), is(206));
            assertThat(path, response.getContentBytes(), equalTo(expected));
        }
        HttpTester.Response space = seed.get("multi/Gr%C3%BC%C3%9Fe%20Welt%201.dat");
        assertThat("+ is not a space in a path", space.getStatus(), is(404));
    }

    @Test
    void w11_padFileIsZeros() throws Exception {
        HttpTester.Response whole = seed.get("multi/.pad/13617");
        assertThat(whole.toString(), whole.getStatus(), is(200));
        assertThat(whole.toString(), whole.get("Content-Length"), is("13617"));
        assertThat(whole.toString(), whole.getContentBytes(), equalTo(new byte[13617]));
        assertThat(whole.toString(), whole.get("ETag"), is("\"pad-13617\""));

        HttpTester.Response range = seed.get("multi/.pad/262127", "Range: bytes=262000-");
        assertThat(range.toString(), range.getStatus(), is(206));
        assertThat(range.toString(), range.get("Content-Range"), is("bytes 262000-262126/262127"));
        assertThat(range.toString(), range.getContentBytes(), equalTo(new byte[127]));
    }

    @Test
    void w11_padFilesNeedAPublishedFolderAndASaneLength() throws Exception {
        for (String path : List.of("nowhere/.pad/10", "data.bin/.pad/10", ".pad/10", "multi/.pad/0",
                "multi/.pad/010", "multi/.pad/-1", "multi/.pad/1x", "multi/.pad/67108865", "multi/.pad/",
                "multi/.pad", "multi/.hidden/.pad/5")) {
            HttpTester.Response response = seed.get(path);
            assertThat(path + "\n" + response, response.getStatus(), is(404));
        }
        HttpTester.Response biggest = seed.request("HEAD", "multi/sub/.pad/67108864");
        assertThat(biggest.toString(), biggest.getStatus(), is(200));
        assertThat(biggest.toString(), biggest.get("Content-Length"), is("67108864"));
    }

    @Test
    void w12_errorsAreNeverTransientStatuses() throws Exception {
        for (String path : List.of("missing.bin", "multi", ".hidden", "multi/.pad/0")) {
            int status = seed.get(path).getStatus();
            assertThat(path, status, is(404));
        }
    }

    @Test
    void w15_statsCountTheBytesTheClientReceived() throws Exception {
        StatsSnapshot before = seed.stats();
        int received = seed.get("data.bin").getContentBytes().length
                + seed.get("data.bin", "Range: bytes=10-19").getContentBytes().length
                + seed.get("multi/.pad/4096", "Range: bytes=-96").getContentBytes().length
                + seed.request("HEAD", "data.bin").getContentBytes().length;
        HttpTester.Response multipart = seed.get("data.bin", "Range: bytes=0-0,10-10,20-29");
        int multipartData = MultipartParts.parse(multipart.getContentBytes(), multipart.get("Content-Type"))
                .stream().mapToInt(p -> p.body().length).sum();
        seed.get("missing.bin");
        StatsSnapshot delta = seed.stats().minus(before);

        assertThat(delta.toString(), received, is(1000 + 10 + 96));
        assertThat(delta.toString(), delta.bytesWritten(), is((long) received + multipartData));
        assertThat(delta.toString(), delta.requests(Outcome.FULL), is(2L));
        assertThat(delta.toString(), delta.requests(Outcome.PARTIAL), is(2L));
        assertThat(delta.toString(), delta.requests(Outcome.MULTIPART), is(1L));
        assertThat(delta.toString(), delta.requests(Outcome.NOT_FOUND), is(1L));
        assertThat(delta.toString(), delta.abortedResponses(), is(0L));
    }

    @Test
    void head_hasTheHeadersOfTheGetWithoutBodyAndIgnoresRange() throws Exception {
        HttpTester.Response get = seed.get("data.bin");
        HttpTester.Response head = seed.request("HEAD", "data.bin", "Range: bytes=0-9");
        // RFC 9110 §14.2: GET is the only method with range semantics
        assertThat(head.toString(), head.getStatus(), is(200));
        assertThat(head.toString(), head.get("Content-Length"), is("1000"));
        assertThat(head.toString(), head.get("ETag"), is(get.get("ETag")));
        assertThat(head.toString(), head.get("Last-Modified"), is(get.get("Last-Modified")));
        assertThat(head.toString(), head.get("Accept-Ranges"), is("bytes"));
        assertThat(head.toString(), head.getContentBytes().length, is(0));
        assertThat(seed.request("HEAD", "missing.bin").getStatus(), is(404));
    }

    @Test
    void validators_strongETagChangesWithTheFile() throws Exception {
        SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
        seed.close();
        seed = SeedFixture.start(root, Map.of(), clock);
        HttpTester.Response first = seed.get("data.bin");
        String etag = first.get("ETag");
        assertThat(etag, etag, startsWith("\""));
        assertThat(etag, etag.startsWith("W/"), is(false));
        assertThat(first.get("Last-Modified"), first.get("Last-Modified"), containsString("GMT"));

        Files.write(root.resolve("data.bin"), SeedFixture.bytes(1000, 99));
        Files.setLastModifiedTime(root.resolve("data.bin"), FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
        HttpTester.Response cached = seed.get("data.bin", "Range: bytes=0-9");
        assertThat("trusted for FILE_INFO_TTL\n" + cached, cached.get("ETag"), is(etag));
        clock.advance(SeedService.FILE_INFO_TTL);
        HttpTester.Response second = seed.get("data.bin", "If-Range: " + etag, "Range: bytes=0-9");
        assertThat(second.toString(), second.get("ETag"), not(is(etag)));
        assertThat(second.toString(), second.getStatus(), is(200)); // the old ETag no longer matches
        assertThat(second.toString(), second.get("Last-Modified"), is("Thu, 02 Jan 2020 03:04:05 GMT"));
    }

    @Test
    void conditional_ifNoneMatchAndIfModifiedSinceGive304() throws Exception {
        HttpTester.Response first = seed.get("data.bin");
        String etag = first.get("ETag");
        String date = first.get("Last-Modified");

        HttpTester.Response byTag = seed.get("data.bin", "If-None-Match: \"x\", " + etag);
        assertThat(byTag.toString(), byTag.getStatus(), is(304));
        assertThat(byTag.toString(), byTag.get("ETag"), is(etag));
        assertThat(byTag.toString(), byTag.getContentBytes().length, is(0));
        assertThat(seed.get("data.bin", "If-None-Match: W/" + etag).getStatus(), is(304)); // weak comparison
        assertThat(seed.get("data.bin", "If-None-Match: *").getStatus(), is(304));
        assertThat(seed.get("data.bin", "If-Modified-Since: " + date).getStatus(), is(304));
        assertThat(seed.get("data.bin", "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT").getStatus(), is(200));
        assertThat(seed.get("data.bin", "If-Modified-Since: garbage").getStatus(), is(200));
        // RFC 9110 §13.1.3: If-Modified-Since is ignored when If-None-Match is present
        assertThat(seed.get("data.bin", "If-None-Match: \"x\"", "If-Modified-Since: " + date).getStatus(), is(200));
    }

    @Test
    void conditional_ifMatchAndIfUnmodifiedSinceGive412() throws Exception {
        HttpTester.Response first = seed.get("data.bin");
        String etag = first.get("ETag");

        HttpTester.Response failed = seed.get("data.bin", "If-Match: \"other\"", "Range: bytes=0-9");
        assertThat(failed.toString(), failed.getStatus(), is(412));
        assertThat(failed.toString(), failed.get("Content-Type"), startsWith("text/plain"));
        assertThat(seed.get("data.bin", "If-Match: W/" + etag).getStatus(), is(412)); // strong comparison
        assertThat(seed.get("data.bin", "If-Match: " + etag, "Range: bytes=0-9").getStatus(), is(206));
        assertThat(seed.get("data.bin", "If-Match: *").getStatus(), is(200));
        assertThat(seed.get("data.bin", "If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT").getStatus(), is(412));
        assertThat(seed.get("data.bin", "If-Unmodified-Since: " + first.get("Last-Modified")).getStatus(), is(200));
    }

    @Test
    void emptyFile_isA200WithoutRangeAndA416WithOne() throws Exception {
        HttpTester.Response whole = seed.get("empty.bin");
        assertThat(whole.toString(), whole.getStatus(), is(200));
        assertThat(whole.toString(), whole.get("Content-Length"), is("0"));
        for (String range : List.of("bytes=0-", "bytes=0-0", "bytes=-1")) {
            HttpTester.Response response = seed.get("empty.bin", "Range: " + range);
            assertThat(range + "\n" + response, response.getStatus(), is(416));
            assertThat(range + "\n" + response, response.get("Content-Range"), is("bytes */0"));
        }
    }

    @Test
    void abuse_aThousandSameRangesAreOnePart() throws Exception {
        // Jetty's DefaultServletRangesTest.testMultipleSameRangeRequests
        String range = "bytes=" + "10-60,".repeat(1000);
        HttpTester.Response response = seed.get("data.bin", "Range: " + range);
        assertThat(response.toString(), response.getStatus(), is(206));
        assertThat(response.toString(), response.get("Content-Range"), is("bytes 10-60/1000"));
        assertThat(response.toString(), response.getContentBytes(), equalTo(Arrays.copyOfRange(seed.data, 10, 61)));
    }

    @Test
    void otherMethods_are405WithAllowAndAPlainBody() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "TRACE")) {
            HttpTester.Response response = seed.raw(method + " /ctx/seed/data.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 0\r\n\r\n");
            assertThat(method + "\n" + response, response.getStatus(), is(405));
            assertThat(method + "\n" + response, response.get("Allow"), is("GET, HEAD, OPTIONS"));
            assertThat(method + "\n" + response, response.get("Content-Type"), startsWith("text/plain"));
            assertThat(method + "\n" + response, response.getContent(), is("405 method not allowed\n"));
        }
    }

    @Test
    void errors_arePlainTextNotContainerPages() throws Exception {
        HttpTester.Response response = seed.get("missing.bin");
        assertThat(response.toString(), response.getStatus(), is(404));
        assertThat(response.toString(), response.get("Content-Type"), startsWith("text/plain"));
        assertThat(response.toString(), response.getContent(), is("404 not found\n"));
    }
}
