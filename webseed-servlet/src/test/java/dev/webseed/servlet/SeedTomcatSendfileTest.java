package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;

import org.apache.catalina.Context;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.webseed.Webseed;
import dev.webseed.stats.StatsSnapshot;

/**
 * Tomcat's sendfile path on embedded Tomcat 10.1 over a real loopback socket: single spans above
 * 48 KiB are handed to Tomcat through its request attributes and arrive byte-exact; small spans,
 * multipart and HEAD keep the copying path. A request listener reads the attributes after the
 * servlet returned, which proves which path each request took.
 */
final class SeedTomcatSendfileTest {
    private static final String FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final int LENGTH = (3 << 20) + 12345;

    @TempDir
    static Path base;
    private static Tomcat tomcat;
    private static Context context;
    private static int port;
    private static byte[] data;
    /** "method range" and the sendfile file name (or "-") of each finished request, in order. */
    private static final BlockingQueue<String[]> FINISHED = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createDirectories(base.resolve("root"));
        data = SeedFixture.bytes(LENGTH, 7);
        Files.write(root.resolve("film.bin"), data);

        tomcat = new Tomcat();
        context = SeedTomcat.context(tomcat, base, root);
        ((StandardContext) context).addApplicationEventListener(new ServletRequestListener() {
            @Override
            public void requestDestroyed(ServletRequestEvent event) {
                HttpServletRequest request = (HttpServletRequest) event.getServletRequest();
                String range = request.getHeader("Range");
                Object file = request.getAttribute(FILENAME);
                String key = request.getMethod() + " " + (range == null ? "" : range);
                FINISHED.add(new String[] {key, file == null ? "-" : file.toString()});
            }
        });
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @ParameterizedTest(name = "Range: {0} -> {1}, sendfile {3}")
    @CsvSource(delimiter = '|', textBlock = """
            bytes=0-1048575          | 206 | 0       | true
            bytes=1048576-           | 206 | 1048576 | true
            bytes=-49153             | 206 | 3108920 | true
            bytes=1000-50151         | 206 | 1000    | false
            bytes=100-199            | 206 | 100     | false
            ''                       | 200 | 0       | true
            """)
    void singleSpans_areByteExact(String range, int status, long first, boolean sendfile) throws Exception {
        String header = range.isEmpty() ? null : "Range: " + range;
        StatsSnapshot before = stats();
        HttpTester.Response response = header == null ? get() : get(header);
        assertThat(range + "\n" + response, response.getStatus(), is(status));
        byte[] body = response.getContentBytes();
        long last = first + body.length - 1;
        if (status == 206) {
            assertThat(range, response.get("Content-Range"), is("bytes " + first + "-" + last + "/" + LENGTH));
        }
        assertThat(range, response.get("Content-Length"), is(String.valueOf(body.length)));
        assertThat(range + ": SHA-256 of the body", sha256(body),
                is(sha256(Arrays.copyOfRange(data, (int) first, (int) last + 1))));
        assertThat(range + ": sendfile used", !sendfileOf("GET " + range).equals("-"), is(sendfile));
        assertThat(range + ": bytes counted", stats().minus(before).bytesWritten(), is((long) body.length));
    }

    @Test
    void keepAlive_severalSendfileResponsesOnOneConnection() throws Exception {
        List<long[]> spans = List.of(new long[] {0, 65535}, new long[] {2_000_000, 3_000_000},
                new long[] {65536, 131071}, new long[] {3_000_001, LENGTH - 1});
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            HttpTester.Input input = HttpTester.from(socket.getInputStream());
            for (long[] span : spans) {
                String range = "bytes=" + span[0] + "-" + span[1];
                out.write(("GET /ctx/seed/film.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: " + range + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                HttpTester.Response response = HttpTester.parseResponse(input);
                assertThat(range + "\n" + response, response.getStatus(), is(206));
                assertThat(range, sha256(response.getContentBytes()),
                        is(sha256(Arrays.copyOfRange(data, (int) span[0], (int) span[1] + 1))));
                assertThat(range + ": sendfile used", sendfileOf("GET " + range).equals("-"), is(false));
            }
        }
    }

    @Test
    void multipartAndHead_keepTheCopyingPath() throws Exception {
        String range = "bytes=0-99999,2000000-2099999";
        HttpTester.Response multipart = get("Range: " + range);
        assertThat(multipart.toString(), multipart.getStatus(), is(206));
        List<MultipartParts.Part> parts = MultipartParts.parse(multipart.getContentBytes(),
                multipart.get("Content-Type"));
        assertThat("two parts", parts.size(), is(2));
        assertThat("part 2", sha256(parts.get(1).body()),
                is(sha256(Arrays.copyOfRange(data, 2_000_000, 2_100_000))));
        assertThat("multipart: no sendfile", sendfileOf("GET " + range), is("-"));

        try (Socket socket = connect()) {
            String head = "HEAD /ctx/seed/film.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            HttpTester.Response response = HttpTester.parseHeadResponse(
                    new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
            assertThat(response.toString(), response.get("Content-Length"), is(String.valueOf(LENGTH)));
            assertThat("HEAD: no sendfile", sendfileOf("HEAD "), is("-"));
        }
    }

    /**
     * The sendfile attribute the request {@code key} left behind. Tomcat fires the listener after
     * the servlet returned, which may be after a copied body reached the client: wait for it.
     */
    private static String sendfileOf(String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String[] event = FINISHED.poll(1, TimeUnit.SECONDS);
            if (event != null && event[0].equals(key)) {
                return event[1];
            }
        }
        throw new AssertionError("no request " + key + " finished");
    }

    private static StatsSnapshot stats() {
        return ((Webseed) context.getServletContext().getAttribute(Webseed.ATTRIBUTE)).stats().snapshot();
    }

    private static Socket connect() throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static HttpTester.Response get(String... headers) throws Exception {
        StringBuilder request = new StringBuilder("GET /ctx/seed/film.bin HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return HttpTester.parseResponse(socket.getInputStream());
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
