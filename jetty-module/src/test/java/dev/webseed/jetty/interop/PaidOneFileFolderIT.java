package dev.webseed.jetty.interop;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.jetty.WebseedServer;
import dev.webseed.paygate.Ed25519PrivateKey;
import dev.webseed.paygate.PemKeys;
import dev.webseed.paygate.Scope;
import dev.webseed.paygate.TokenIssuer;
import dev.webseed.testing.Downloads;

/**
 * docs/protocol.md W10, paid: a paid folder holding exactly one file. WebTorrent
 * treats its torrent as single-file and requests the url-list entry itself
 * ({@code seed/t/{token}/paid/extras/}); before, that was the shared parent {@code seed/t/{token}/paid/},
 * answered 403/404 forever. The buyer's personal torrent must download byte-exactly (SHA-256).
 * The free case is a row of {@link RealClientsIT} ({@link InteropContent#SOLO}).
 *
 * <p>Gated by {@code dev.webseed.testing.Interop} like {@link RealClientsIT}.</p>
 */
final class PaidOneFileFolderIT {
    static final Path BASE = Path.of("target", "interop-paid-solo").toAbsolutePath();

    @Test
    void webTorrentDownloadsAPaidFolderHoldingOneFile() throws Exception {
        WebTorrentClient webtorrent = new WebTorrentClient();
        webtorrent.require();
        Downloads.deleteTree(BASE);
        Path content = BASE.resolve("content");
        Path bonus = content.resolve("paid/extras/bonus cut.bin");
        Files.createDirectories(bonus.getParent());
        byte[] bytes = new byte[5 * 1024 * 1024 + 99];
        new Random(7).nextBytes(bytes);
        Files.write(bonus, bytes);
        Path keys = Files.createDirectories(BASE.resolve("keys"));
        Ed25519PrivateKey shopKey = Ed25519PrivateKey.generate();
        PemKeys.writePublicKeys(keys.resolve("public.pem"), List.of(shopKey.publicKey()));
        WebseedConfig config = WebseedConfig.builder()
                .set(Settings.CONTENT_ROOT, content)
                .set(Settings.PAYGATE_PUBLIC_KEYS, keys.resolve("public.pem"))
                .set(Settings.PAYGATE_PROTECT, List.of("paid/"))
                .build();
        Server server = WebseedServer.createServer("127.0.0.1", 0, config);
        server.start();
        try {
            URI base = WebseedServer.publicUrl(server);
            String token = TokenIssuer.of(shopKey, Clock.systemUTC(), 1024).token().subject("buyer")
                    .scope(Scope.path("paid/")).ttl(Duration.ofHours(48)).issue().token();
            Path run = Files.createDirectories(BASE.resolve("run"));
            Path torrent = RealClientsIT.fetchTorrent(base.resolve("torrent/t/" + token + "/paid/extras.torrent"),
                    run.resolve("extras.torrent"));
            Path dir = Files.createDirectories(run.resolve("download"));
            webtorrent.download(torrent, dir, Files.createDirectories(run.resolve("work")), Duration.ofSeconds(120));
            Path got = dir.resolve("extras/bonus cut.bin");
            assertThat("downloaded " + got, Files.isRegularFile(got), is(true));
            assertThat("SHA-256 of " + got, Downloads.sha256(got), is(Downloads.sha256(bonus)));
        } finally {
            server.stop();
        }
    }
}
