package dev.webseed.servlet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.webseed.Webseed;
import dev.webseed.config.WebseedConfig;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.publish.Publication;
import dev.webseed.testing.SteppingClock;

/**
 * A real Jetty on 127.0.0.1 with every Webseed servlet mapped as the embedded server maps them,
 * over a {@link Webseed} started with a {@link SteppingClock}; content: {@code data.bin} (1000
 * bytes), {@code big.bin} (5000 bytes) and the folder {@code multi} (two files).
 */
final class ViewFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final SteppingClock clock = new SteppingClock(START);
    final Server server = new Server();
    final Webseed webseed;
    final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    private ViewFixture(Path root, Map<String, String> params) throws Exception {
        Files.write(root.resolve("data.bin"), SeedFixture.bytes(1000, 1));
        Files.write(root.resolve("big.bin"), SeedFixture.bytes(5000, 2));
        Files.createDirectories(root.resolve("multi"));
        Files.write(root.resolve("multi/a.bin"), SeedFixture.bytes(300, 3));
        Files.write(root.resolve("multi/b.bin"), SeedFixture.bytes(400, 4));
        WebseedConfig.Builder config = WebseedConfig.builder().parse("contentRoot", root.toString());
        params.forEach(config::parse);
        webseed = Webseed.start(config.build(), clock);
        webseed.publisher().whenIdle().get(30, TimeUnit.SECONDS);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.setAttribute(Webseed.ATTRIBUTE, webseed);
        context.addServlet(SeedServlet.class, "/seed/*");
        context.addServlet(TorrentServlet.class, "/torrent/*");
        context.addServlet(TrackerServlet.class, "/announce");
        context.addServlet(TrackerServlet.class, "/scrape");
        context.addServlet(LandingServlet.class, "");
        context.addServlet(StatsServlet.class, "/stats");
        context.addServlet(MetricsServlet.class, "/metrics");
        context.addServlet(StatusServlet.class, "/status");
        context.addServlet(HealthServlet.class, "/health");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    static ViewFixture start(Path root) throws Exception {
        return new ViewFixture(root, Map.of());
    }

    static ViewFixture start(Path root, Map<String, String> params) throws Exception {
        return new ViewFixture(root, params);
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with another method and no body. */
    HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body's bytes of a GET. */
    byte[] bytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    /** Waits (bounded) until no webseed request is being recorded: a client may hold a whole response first. */
    void settle() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (webseed.stats().inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** {@code /stats} once settled. */
    JsonNode stats() throws IOException, InterruptedException {
        settle();
        HttpResponse<String> response = get("stats");
        if (response.statusCode() != 200) {
            throw new AssertionError("/stats answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The row of a publication in {@code /stats}, or null. */
    JsonNode row(JsonNode stats, String path) {
        for (JsonNode row : stats.path("publications").path("items")) {
            if (row.path("path").asText().equals(path)) {
                return row;
            }
        }
        return null;
    }

    InfoHash infoHash(String path) {
        return ((Publication.Ready) webseed.publisher().request(path)).torrent().infoHash();
    }

    /** Announces to the tracker as a peer with this one-byte id suffix; returns the bencoded answer. */
    String announce(String path, int peer, long downloaded, long left, String event)
            throws IOException, InterruptedException {
        String query = "info_hash=" + escape(infoHash(path).bytes()) + "&peer_id=-XX0000-" + "%0" + (peer % 10)
                + "x".repeat(11) + "&port=" + (6881 + peer) + "&uploaded=0&downloaded=" + downloaded + "&left=" + left
                + (event == null ? "" : "&event=" + event);
        return get("announce?" + query).body();
    }

    /** Two downloaders (peers 1 and 2) start in the publication's swarm: what the origin sent once, they can trade. */
    void swarmOfTwo(String path, long size) throws IOException, InterruptedException {
        announce(path, 1, 0, size, "started");
        announce(path, 2, 0, size, "started");
    }

    static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append('%').append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        webseed.close();
    }
}
