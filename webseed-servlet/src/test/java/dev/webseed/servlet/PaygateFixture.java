package dev.webseed.servlet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;

import dev.webseed.Webseed;
import dev.webseed.config.WebseedConfig;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.paygate.Ed25519PrivateKey;
import dev.webseed.paygate.PemKeys;
import dev.webseed.paygate.Scope;
import dev.webseed.paygate.TokenIssuer;
import dev.webseed.publish.Publication;
import dev.webseed.stats.StatsSnapshot;
import dev.webseed.testing.SteppingClock;

/**
 * An in-memory origin with the paygate on: {@code paid/} protected, one shop key, the webseed,
 * torrent and tracker servlets in the root context, a clock the test steps, and a revocation file.
 * Content: {@code paid/film.bin} (a single file), {@code paid/pack/} (a folder of two files) and
 * {@code free.bin}.
 */
final class PaygateFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
    static final int FILM_LENGTH = 300_000;

    final Path root;
    final byte[] film = bytes(FILM_LENGTH, 7);
    final byte[] free = bytes(5_000, 8);
    final SteppingClock clock = new SteppingClock(T0);
    final Ed25519PrivateKey shopKey = Ed25519PrivateKey.generate();
    final TokenIssuer issuer;
    final Path revocations;
    private final Map<String, String> params = new LinkedHashMap<>();
    Server server;
    LocalConnector connector;
    Webseed webseed;

    PaygateFixture(Path dir, Map<String, String> extra) throws Exception {
        root = Files.createDirectories(dir.resolve("content"));
        Files.createDirectories(root.resolve("paid/pack"));
        Files.write(root.resolve("paid/film.bin"), film);
        Files.write(root.resolve("paid/pack/a.bin"), bytes(70_000, 9));
        Files.write(root.resolve("paid/pack/b.bin"), bytes(20_000, 10));
        Files.write(root.resolve("free.bin"), free);
        Path keys = dir.resolve("public.pem");
        PemKeys.writePublicKeys(keys, List.of(shopKey.publicKey()));
        revocations = dir.resolve("revoked.txt");
        Files.writeString(revocations, "# revoked tokens\n");
        issuer = TokenIssuer.of(shopKey, clock, 1024);
        params.put("contentRoot", root.toString());
        params.put("prehash", "false");
        params.put("hashThreads", "1");
        params.put("paygatePublicKeys", keys.toString());
        params.put("paygateProtect", "paid/");
        params.put("paygateRevocationFile", revocations.toString());
        params.put("paygateGrace", "0s");
        params.put("refusalInterval", "60s");
        params.putAll(extra);
        start();
    }

    /** Stops the origin and starts a new one over the same files, hash cache and keys: nothing in memory. */
    void restart() throws Exception {
        close();
        start();
    }

    private void start() throws Exception {
        webseed = Webseed.start(WebseedConfig.fromParameters(params), clock);
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.setAttribute(Webseed.ATTRIBUTE, webseed);
        context.addEventListener(new WebseedListener());
        context.addServlet(SeedServlet.class, "/seed/*");
        context.addServlet(TorrentServlet.class, "/torrent/*");
        context.addServlet(TrackerServlet.class, "/announce");
        context.addServlet(TrackerServlet.class, "/scrape");
        server.setHandler(context);
        server.start();
    }

    /** A token for these scopes, valid 48 hours from now. */
    String token(String... scopes) {
        TokenIssuer.Builder b = issuer.token().subject("buyer").ttl(Duration.ofHours(48));
        for (String scope : scopes) {
            b.scope(Scope.parse(scope));
        }
        return b.issue().token();
    }

    /** The info-hash of a publication, once hashed. */
    InfoHash published(String path) throws Exception {
        Publication p = webseed.publisher().await(path).get(60, TimeUnit.SECONDS);
        if (!(p instanceof Publication.Ready ready)) {
            throw new AssertionError(path + " not published: " + p);
        }
        return ready.torrent().infoHash();
    }

    /**
     * The counters once no webseed request is in flight: a client can hold a whole response while
     * the servlet still records it (bytes, budget charge); waits for the idle signal, fails after 10 s.
     */
    StatsSnapshot stats() throws InterruptedException {
        try {
            webseed.stats().idle().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("a webseed request was still in flight after 10 s", e);
        }
        return webseed.stats().snapshot();
    }

    HttpTester.Response get(String target, String... headers) throws Exception {
        return request("GET", target, headers);
    }

    HttpTester.Response request(String method, String target, String... headers) throws Exception {
        StringBuilder raw = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:8080\r\n");
        for (String header : headers) {
            raw.append(header).append("\r\n");
        }
        raw.append("Connection: close\r\n\r\n");
        ByteBuffer bytes = ByteBuffer.wrap(raw.toString().getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer response = connector.getResponse(bytes, method.equals("HEAD"), 30, TimeUnit.SECONDS);
        return method.equals("HEAD") ? HttpTester.parseHeadResponse(response) : HttpTester.parseResponse(response);
    }

    static byte[] bytes(int length, long seed) {
        byte[] out = new byte[length];
        new Random(seed).nextBytes(out);
        return out;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        webseed.close();
    }
}
