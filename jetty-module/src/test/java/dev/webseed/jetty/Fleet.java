package dev.webseed.jetty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

import dev.webseed.Webseed;
import dev.webseed.config.WebseedConfig;
import dev.webseed.paygate.Ed25519PrivateKey;
import dev.webseed.paygate.PemKeys;
import dev.webseed.paygate.TokenIssuer;
import dev.webseed.testing.Downloads;
import dev.webseed.testing.SteppingClock;

/**
 * Several origin servers sharing one Redis (README "Several servers"): each an embedded server as {@link
 * WebseedServer} builds it, with its own cache and revocation file, over one content folder, one
 * key file and one injected clock. Content: {@code free.bin} and {@code paid/film.bin}.
 */
public final class Fleet implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    public static final int FILM_LENGTH = 400_000;

    public final SteppingClock clock = new SteppingClock(T0);
    public final Path root;
    public final Path publicKeys;
    public final byte[] film;
    public final byte[] free;
    public final Ed25519PrivateKey shopKey = Ed25519PrivateKey.generate();
    public final TokenIssuer issuer;
    public final List<Node> nodes = new ArrayList<>();

    /** One server: its Jetty, its Webseed, its revocation file and its port. */
    public record Node(Server server, Webseed webseed, Path revocations, int port) {
    }

    /**
     * Starts {@code count} servers on free loopback ports.
     *
     * @param extra settings for every node, e.g. {@code redisUrl}, {@code redisKeyPrefix}
     */
    public Fleet(Path dir, int count, Map<String, String> extra) throws Exception {
        root = Files.createDirectories(dir.resolve("content"));
        Files.createDirectories(root.resolve("paid"));
        film = Files.readAllBytes(Downloads.content(root.resolve("paid/film.bin"), FILM_LENGTH, 7));
        free = Files.readAllBytes(Downloads.content(root.resolve("free.bin"), 50_000, 8));
        publicKeys = dir.resolve("public.pem");
        PemKeys.writePublicKeys(publicKeys, List.of(shopKey.publicKey()));
        issuer = TokenIssuer.of(shopKey, clock, 1024);
        for (int i = 0; i < count; i++) {
            Path revocations = dir.resolve("revoked-" + i + ".txt");
            Files.writeString(revocations, "# revoked tokens of node " + i + "\n");
            Map<String, String> params = new LinkedHashMap<>();
            params.put("contentRoot", root.toString());
            params.put("cacheDir", Files.createDirectories(dir.resolve("cache-" + i)).toString());
            params.put("prehash", "false");
            params.put("hashThreads", "1");
            params.put("paygatePublicKeys", publicKeys.toString());
            params.put("paygateProtect", "paid/");
            params.put("paygateRevocationFile", revocations.toString());
            params.put("paygateGrace", "0s");
            params.putAll(extra);
            WebseedConfig config = WebseedConfig.fromParameters(params);
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            server.addConnector(connector);
            Webseed webseed = Webseed.start(config, clock);
            ServletContextHandler context = WebseedServer.context(config);
            context.setAttribute(Webseed.ATTRIBUTE, webseed);
            server.setHandler(context);
            server.start();
            nodes.add(new Node(server, webseed, revocations, connector.getLocalPort()));
        }
    }

    public Node node(int i) {
        return nodes.get(i);
    }

    @Override
    public void close() throws Exception {
        for (Node node : nodes) {
            node.server().stop();
            node.webseed().close();
        }
    }
}
