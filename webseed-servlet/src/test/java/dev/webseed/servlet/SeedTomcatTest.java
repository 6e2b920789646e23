package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same servlet on embedded Tomcat 10.1, over a loopback socket: Tomcat hands over raw request
 * URIs and context paths differently from Jetty, so path decoding (W9), ranges (W1/W2), pads (W11)
 * and CORS on errors (W17) are checked here too.
 */
final class SeedTomcatTest {
    private static final String SECRET = "TOP-SECRET-BYTES";

    @TempDir
    static Path base;
    private static Tomcat tomcat;
    private static int port;
    private static byte[] data;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createDirectories(base.resolve("root"));
        data = SeedFixture.bytes(1000, 1);
        Files.write(root.resolve("data.bin"), data);
        Files.createDirectories(root.resolve("multi/sub"));
        Files.write(root.resolve("multi/Grüße Welt+1.dat"), SeedFixture.bytes(777, 2));
        Files.writeString(base.resolve("outside.txt"), SECRET);
        Files.writeString(root.resolve(".secret"), SECRET);
        Files.createSymbolicLink(root.resolve("out.txt"), base.resolve("outside.txt"));

        tomcat = new Tomcat();
        SeedTomcat.context(tomcat, base, root);
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void w1_w9_encodedNamesInEveryClientsSpelling() throws Exception {
        byte[] expected = Arrays.copyOfRange(SeedFixture.bytes(777, 2), 586, 777);
        for (String path : List.of("multi/Gr%c3%bc%c3%9fe%20Welt%2b1.dat", "multi/Gr%C3%BC%C3%9Fe%20Welt%2B1.dat",
                "multi/Gr%C3%BC%C3%9Fe%20Welt+1.dat")) {
            HttpTester.Response response = get(path, "Range: bytes=586-777793");
            assertThat(path + "\n" + response, response.getStatus(), is(206));
            assertThat(path + "\n" + response, response.get("Content-Range"), is("bytes 586-776/777"));
            assertThat(path, response.getContentBytes(), equalTo(expected));
        }
    }

    @Test
    void w3_w4_wholeFileAndUnsatisfiable() throws Exception {
        HttpTester.Response whole = get("data.bin");
        assertThat(whole.toString(), whole.getStatus(), is(200));
        assertThat(whole.toString(), whole.get("Content-Length"), is("1000"));
        assertThat(whole.toString(), whole.getContentBytes(), equalTo(data));
        HttpTester.Response none = get("data.bin", "Range: bytes=1000-");
        assertThat(none.toString(), none.getStatus(), is(416));
        assertThat(none.toString(), none.get("Content-Range"), is("bytes */1000"));
    }

    @Test
    void w11_padFile() throws Exception {
        HttpTester.Response pad = get("multi/.pad/300", "Range: bytes=100-");
        assertThat(pad.toString(), pad.getStatus(), is(206));
        assertThat(pad.toString(), pad.getContentBytes(), equalTo(new byte[200]));
    }

    @Test
    void w17_corsOnErrors() throws Exception {
        HttpTester.Response missing = get("missing.bin", "Origin: https://app.example");
        assertThat(missing.toString(), missing.getStatus(), is(404));
        assertThat(missing.toString(), missing.get("Access-Control-Allow-Origin"), is("*"));
        assertThat(missing.getContent(), is("404 not found\n"));
    }

    @Test
    void w9_hostilePathsServeNothing() throws Exception {
        for (String path : List.of("../outside.txt", "%2e%2e/outside.txt", "..%2Foutside.txt", "..%5coutside.txt",
                "multi/%2e%2e/%2e%2e/outside.txt", ".secret", "%2esecret", "out.txt", "data.bin%00", "%C3%28",
                "%c0%ae%c0%ae/outside.txt", "multi%2F..%2F..%2Foutside.txt", "x".repeat(5000))) {
            HttpTester.Response response = get(path);
            String body = new String(response.getContentBytes(), StandardCharsets.ISO_8859_1);
            assertThat(path + "\n" + response, response.getStatus(), anyOf(is(400), is(404), is(414)));
            assertThat(path, body.contains(SECRET), is(false));
        }
    }

    private static HttpTester.Response get(String path, String... headers) throws Exception {
        StringBuilder request = new StringBuilder("GET /ctx/seed/").append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return HttpTester.parseResponse(socket.getInputStream());
        }
    }
}
