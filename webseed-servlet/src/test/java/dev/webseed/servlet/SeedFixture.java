package dev.webseed.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import dev.webseed.Webseed;
import dev.webseed.config.WebseedConfig;
import dev.webseed.stats.StatsSnapshot;

/**
 * An in-memory server for webseed tests: a content root with known files, the listener and
 * {@link SeedServlet} at {@code /seed/*} in context {@code /ctx}, and a {@link LocalConnector}.
 */
final class SeedFixture implements AutoCloseable {
    static final int DATA_LENGTH = 1000;

    final Path root;
    final byte[] data;
    final Server server;
    final LocalConnector connector;
    final ServletContextHandler context;

    private Webseed own;

    private SeedFixture(Path root, Map<String, String> params, Connector... extra) throws Exception {
        this.root = root;
        this.data = bytes(DATA_LENGTH, 1);
        Files.write(root.resolve("data.bin"), data);
        Files.write(root.resolve("empty.bin"), new byte[0]);
        Files.write(root.resolve(".hidden"), "secret".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(root.resolve("multi/sub"));
        Files.write(root.resolve("multi/Grüße Welt+1.dat"), bytes(777, 2));
        Files.write(root.resolve("multi/sub/nested file.bin"), bytes(300, 3));
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        for (Connector c : extra) {
            server.addConnector(c);
        }
        context = new ServletContextHandler("/ctx");
        context.setInitParameter("contentRoot", root.toString());
        context.setInitParameter("prehash", "false");
        params.forEach(context::setInitParameter);
        context.addEventListener(new WebseedListener());
        context.addServlet(SeedServlet.class, "/seed/*");
        server.setHandler(context);
    }

    static SeedFixture start(Path root) throws Exception {
        return start(root, Map.of());
    }

    static SeedFixture start(Path root, Map<String, String> params) throws Exception {
        SeedFixture fixture = new SeedFixture(root, params);
        fixture.server.start();
        return fixture;
    }

    /**
     * Like {@link #start(Path)} but with Jetty's URI checks off ({@code UriCompliance.UNSAFE}), so
     * hostile paths reach the servlet's own decoding, as they might on a laxer container.
     */
    static SeedFixture startLenient(Path root) throws Exception {
        SeedFixture fixture = new SeedFixture(root, Map.of());
        fixture.connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                .setUriCompliance(UriCompliance.UNSAFE);
        fixture.context.getServletHandler().setDecodeAmbiguousURIs(true);
        fixture.server.start();
        return fixture;
    }

    /**
     * Like {@link #start(Path, Map)} but the {@link Webseed} runs on {@code clock} (put in the
     * context before start, as an embedding program would), so a test can step past expiries.
     */
    static SeedFixture start(Path root, Map<String, String> params, Clock clock) throws Exception {
        SeedFixture fixture = new SeedFixture(root, params);
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("contentRoot", root.toString());
        all.put("prehash", "false");
        fixture.own = Webseed.start(WebseedConfig.fromParameters(all), clock);
        fixture.context.setAttribute(Webseed.ATTRIBUTE, fixture.own);
        fixture.server.start();
        return fixture;
    }

    /** Builds without starting, so a test can add connectors or filters first. */
    static SeedFixture create(Path root, Map<String, String> params, Connector... extra) throws Exception {
        return new SeedFixture(root, params, extra);
    }

    /** Adds a real socket on 127.0.0.1 and a free port (before start); its port is known once started. */
    ServerConnector addLoopbackConnector() {
        ServerConnector socket = new ServerConnector(server);
        socket.setHost("127.0.0.1");
        socket.setPort(0);
        server.addConnector(socket);
        return socket;
    }

    /** Deterministic pseudo-random bytes. */
    static byte[] bytes(int length, long seed) {
        byte[] out = new byte[length];
        new Random(seed).nextBytes(out);
        return out;
    }

    Webseed webseed() {
        return (Webseed) context.getServletContext().getAttribute(Webseed.ATTRIBUTE);
    }

    /**
     * The counters once no request is in flight: a client can hold a whole response while the
     * servlet is still recording it (waits for the idle signal; still running after 10 s fails the test).
     */
    StatsSnapshot stats() throws InterruptedException {
        try {
            webseed().stats().idle().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("a webseed request was still in flight after 10 s", e);
        }
        return webseed().stats().snapshot();
    }

    /** One GET of {@code /ctx/seed/<path>} with extra header lines (each without CRLF). */
    HttpTester.Response get(String path, String... headers) throws Exception {
        return request("GET", path, headers);
    }

    HttpTester.Response request(String method, String path, String... headers) throws Exception {
        StringBuilder raw = new StringBuilder(method).append(" /ctx/seed/").append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        for (String header : headers) {
            raw.append(header).append("\r\n");
        }
        raw.append("\r\n");
        return method.equals("HEAD") ? rawHead(raw.toString()) : raw(raw.toString());
    }

    /** Sends raw request bytes (ISO-8859-1) and parses one response. */
    HttpTester.Response raw(String request) throws Exception {
        ByteBuffer response = connector.getResponse(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
        return HttpTester.parseResponse(response);
    }

    /** Sends raw request bytes of a HEAD and parses the header-only response. */
    HttpTester.Response rawHead(String request) throws Exception {
        ByteBuffer response = connector.getResponse(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)),
                true, 10, TimeUnit.SECONDS);
        return HttpTester.parseHeadResponse(response);
    }

    /**
     * Writes several requests in one go (pipelining) on one connection; the last must say {@code
     * Connection: close}. Parses every response from the output, in order.
     */
    List<HttpTester.Response> pipelined(String requests) throws Exception {
        LocalConnector.LocalEndPoint endPoint = connector.executeRequest(requests);
        endPoint.waitUntilClosedOrIdleFor(10, TimeUnit.SECONDS);
        ByteBuffer out = endPoint.takeOutput();
        HttpTester.Input input = HttpTester.from(out);
        List<HttpTester.Response> responses = new ArrayList<>();
        HttpTester.Response response;
        while ((response = HttpTester.parseResponse(input)) != null) {
            responses.add(response);
        }
        return responses;
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        if (own != null) {
            own.close();
        }
    }
}
