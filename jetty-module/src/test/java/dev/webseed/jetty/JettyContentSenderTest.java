package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.seed.ContentSender;

/**
 * The Jetty fast path: the embedded server installs {@link JettyContentSender}, and ranges served
 * through it over a real loopback socket are byte-exact, including spans that cross a mapping
 * window (tested with 64 KiB windows) and several responses on one keep-alive connection.
 */
@ExtendWith(WorkDirExtension.class)
final class JettyContentSenderTest {
    private static final int LENGTH = (1 << 20) + 4321;
    private static final int SMALL_WINDOW = 64 << 10;

    WorkDir workDir;
    private Server server;
    private byte[] data;
    private JettyContentSender sender;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void embeddedServer_installsTheJettySender() throws Exception {
        start(null);
        assertThat("context attribute " + ContentSender.ATTRIBUTE, sender, instanceOf(JettyContentSender.class));
        HttpTester.Response response = get("bytes=100-300099");
        assertThat(response.toString(), response.getStatus(), is(206));
        assertThat("byte-exact", sha256(response.getContentBytes()), is(sha256(slice(100, 300099))));
        assertThat("written as mapped buffers to Jetty's own output", sender.directWrites(), greaterThan(0L));
    }

    @ParameterizedTest(name = "Range: {0} -> {1}-{2}")
    @CsvSource(delimiter = '|', textBlock = """
            bytes=0-0               | 0       | 0
            bytes=65535-65536       | 65535   | 65536
            bytes=1000-200000       | 1000    | 200000
            bytes=0-                | 0       | 1052896
            bytes=-70000            | 982897  | 1052896
            bytes=1048576-1052895   | 1048576 | 1052895
            """)
    void spansAcrossMappingWindows_areByteExact(String range, int first, int last) throws Exception {
        start(new JettyContentSender(SMALL_WINDOW));
        long before = sender.directWrites();
        HttpTester.Response response = get(range);
        assertThat(range + "\n" + response, response.getStatus(), is(206));
        assertThat(range, response.get("Content-Range"), is("bytes " + first + "-" + last + "/" + LENGTH));
        assertThat(range + ": byte-exact", sha256(response.getContentBytes()), is(sha256(slice(first, last))));
        assertThat(range + ": one write per window touched", sender.directWrites() - before,
                is((long) (last / SMALL_WINDOW - first / SMALL_WINDOW + 1)));
    }

    @Test
    void keepAliveAndMultipart_onOneConnection() throws Exception {
        start(new JettyContentSender(SMALL_WINDOW));
        List<String> ranges = List.of("bytes=0-99999", "bytes=500000-1052895", "bytes=10-19,600000-700000",
                "bytes=7-8");
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            HttpTester.Input input = HttpTester.from(socket.getInputStream());
            for (String range : ranges) {
                out.write(("GET /seed/film.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: " + range + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                HttpTester.Response response = HttpTester.parseResponse(input);
                assertThat(range + "\n" + response, response.getStatus(), is(206));
                byte[] body = response.getContentBytes();
                if (range.contains(",")) {
                    String text = new String(body, StandardCharsets.ISO_8859_1);
                    assertThat("first part inside the multipart body",
                            text.contains(new String(slice(10, 19), StandardCharsets.ISO_8859_1)), is(true));
                    assertThat("second part inside the multipart body",
                            text.contains(new String(slice(600000, 700000), StandardCharsets.ISO_8859_1)), is(true));
                } else {
                    String[] span = range.substring(6).split("-");
                    int first = Integer.parseInt(span[0]);
                    int last = Integer.parseInt(span[1]);
                    assertThat(range, sha256(body), is(sha256(slice(first, last))));
                }
            }
        }
    }

    @Test
    void wrappedStream_getsACopy_andMissingFileSaysWhy() throws Exception {
        Path file = workDir.getEmptyPathDir().resolve("w.bin");
        data = new byte[200_000];
        new Random(3).nextBytes(data);
        Files.write(file, data);
        JettyContentSender direct = new JettyContentSender(SMALL_WINDOW);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicLong counted = new AtomicLong();
        try (ContentSender.Session session = direct.open(file, data.length, "\"v1\"")) {
            session.send(60_000, 100_000, out, counted::addAndGet);
        }
        assertThat("copied through a plain stream", out.toByteArray(), is(slice(60_000, 159_999)));
        assertThat("every byte counted", counted.get(), is(100_000L));
        assertThat("no direct write", direct.directWrites(), is(0L));

        ContentSender.ContentReadException missing = org.junit.jupiter.api.Assertions.assertThrows(
                ContentSender.ContentReadException.class, () -> direct.open(file.resolveSibling("gone.bin"), 5, "x"));
        assertThat("a deleted file keeps its cause (404, not 500)", missing.getCause(),
                instanceOf(NoSuchFileException.class));
    }

    private void start(JettyContentSender replacement) throws Exception {
        Path root = workDir.getEmptyPathDir();
        data = new byte[LENGTH];
        new Random(11).nextBytes(data);
        Files.write(root.resolve("film.bin"), data);
        WebseedConfig config = WebseedConfig.builder().set(Settings.CONTENT_ROOT, root)
                .set(Settings.PREHASH, false).build();
        server = WebseedServer.createServer("127.0.0.1", 0, config);
        ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
        if (replacement != null) {
            context.setAttribute(ContentSender.ATTRIBUTE, replacement);
        }
        server.start();
        sender = (JettyContentSender) context.getServletContext().getAttribute(ContentSender.ATTRIBUTE);
    }

    private byte[] slice(int first, int last) {
        return Arrays.copyOfRange(data, first, last + 1);
    }

    private Socket connect() throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", WebseedServer.localPort(server)), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private HttpTester.Response get(String range) throws Exception {
        try (Socket socket = connect()) {
            String request = "GET /seed/film.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nRange: " + range
                    + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return HttpTester.parseResponse(socket.getInputStream());
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
