package dev.webseed.jetty.interop;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.jetty.WebseedServer;
import dev.webseed.paygate.Ed25519PrivateKey;
import dev.webseed.paygate.PemKeys;
import dev.webseed.paygate.Scope;
import dev.webseed.paygate.TokenIssuer;
import dev.webseed.testing.Downloads;
import dev.webseed.testing.Interop;
import dev.webseed.testing.ServerProcess;

/**
 * The README's paid example on the first try. The first {@code .torrent} request
 * for a path that is not hashed yet (below the top level, so not prehashed) is held while it
 * hashes, so aria2c given the URL exactly as the README shows downloads byte-exactly instead of
 * giving up on a 503.
 */
@ExtendWith(WorkDirExtension.class)
final class FirstTorrentRequestIT {
    WorkDir workDir;
    Server server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aria2GivenTheTorrentUrlOfAnUnhashedPathDownloadsOnTheFirstTry() throws Exception {
        Path aria2c = Interop.require("aria2c", "apt-get install aria2");
        Path dir = workDir.getEmptyPathDir();
        Path content = dir.resolve("films");
        Path paid = Downloads.content(content.resolve("paid/film.mkv"), 48 * 1024 * 1024 + 5, 1L);
        Path free = Downloads.content(content.resolve("free/trailers/trailer.mkv"), 24 * 1024 * 1024 + 3, 2L);
        Ed25519PrivateKey shop = Ed25519PrivateKey.generate();
        Path keys = dir.resolve("public.pem");
        PemKeys.writePublicKeys(keys, List.of(shop.publicKey()));
        server = WebseedServer.createServer("127.0.0.1", 0, WebseedConfig.builder()
                .set(Settings.CONTENT_ROOT, content).set(Settings.PREHASH, false).set(Settings.HASH_THREADS, 1)
                .set(Settings.PAYGATE_PUBLIC_KEYS, keys).set(Settings.PAYGATE_PROTECT, List.of("paid/")).build());
        server.start();
        String base = WebseedServer.publicUrl(server).toString();
        String token = TokenIssuer.of(shop, Clock.systemUTC(), 1024).token().subject("order-1234")
                .scope(Scope.path("paid/film.mkv")).ttl(Duration.ofHours(48)).issue().token();

        // README: aria2c --seed-time=0 <the buyer's .torrent URL>
        Path paidDir = dir.resolve("paid-download");
        aria2(aria2c, base + "torrent/t/" + token + "/paid/film.mkv.torrent", paidDir);
        assertThat("SHA-256", Downloads.sha256(paidDir.resolve("film.mkv")), is(Downloads.sha256(paid)));

        Path freeDir = dir.resolve("free-download");
        aria2(aria2c, base + "torrent/free/trailers/trailer.mkv.torrent", freeDir);
        assertThat("SHA-256", Downloads.sha256(freeDir.resolve("trailer.mkv")), is(Downloads.sha256(free)));
    }

    private static void aria2(Path aria2c, String url, Path dir) throws Exception {
        Files.createDirectories(dir);
        List<String> command = List.of(aria2c.toString(), "--dir=" + dir, "--seed-time=0", "--enable-dht=false",
                "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--interface=127.0.0.1", "--disable-ipv6=true", "--listen-port=40000-60000", "--no-conf=true",
                "--console-log-level=notice", "--summary-interval=0", "--allow-overwrite=true",
                "--file-allocation=none", "--bt-stop-timeout=120", url);
        try (ServerProcess client = ServerProcess.start(command, dir, Map.of("LC_ALL", "C.UTF-8"),
                dir.resolveSibling(dir.getFileName() + "-aria2.log"))) {
            Integer exit = client.awaitExit(Duration.ofSeconds(180));
            assertThat("aria2c on the first try:\n" + client.tail(30), exit, is(0));
        }
    }
}
