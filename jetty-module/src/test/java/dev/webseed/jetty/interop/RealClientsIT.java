package dev.webseed.jetty.interop;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.jetty.WebseedServer;
import dev.webseed.metainfo.Links;
import dev.webseed.testing.Downloads;

/**
 * Four real BitTorrent clients download from our embedded server, the origin being their only
 * source (no peer from the tracker, no DHT/LSD/PEX), and every file must be byte-identical to the
 * source (SHA-256): a single file, a folder, and a folder holding one file (W10). Each row starts a fresh server on 127.0.0.1 and port 0 in this JVM (so a
 * failure shows the server's side in the same log and no packaging is needed), fetches the
 * {@code .torrent} from our {@code /torrent/} endpoint and hands it to the client.
 *
 * <p>Gated by {@code dev.webseed.testing.Interop}: a missing client skips the row on a developer
 * machine (and says so) and fails it in CI ({@code -Dwebseed.interop=required}).</p>
 */
final class RealClientsIT {
    static final Path BASE = Path.of("target", "interop").toAbsolutePath();
    static final Path CONTENT = BASE.resolve("content");
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(240);
    static final Duration TORRENT_READY_TIMEOUT = Duration.ofSeconds(120);

    @BeforeAll
    static void generateContent() throws IOException {
        InteropContent.generate(CONTENT);
    }

    static Stream<Arguments> downloads() {
        List<Supplier<TorrentClient>> clients = List.of(Aria2Client::new, TransmissionClient::new,
                LibtorrentClient::new, WebTorrentClient::new);
        return clients.stream().flatMap(client -> Stream.of(InteropContent.SINGLE, InteropContent.MULTI,
                InteropContent.SOLO)
                .map(entry -> {
                    TorrentClient c = client.get();
                    return Arguments.of(Named.of(c.name(), c), entry);
                }));
    }

    @ParameterizedTest(name = "{0} downloads ''{1}'' byte-exactly from the origin alone")
    @MethodSource("downloads")
    void client_downloadsEveryFileByteExactly(TorrentClient client, String entry) throws Exception {
        client.require();
        Path run = BASE.resolve("runs").resolve(client.name() + "-" + entry.replaceAll("[^A-Za-z0-9]", "_"));
        Downloads.deleteTree(run);
        Path downloadDir = Files.createDirectories(run.resolve("download"));
        Path workDir = Files.createDirectories(run.resolve("client"));

        WebseedConfig config = WebseedConfig.builder().set(Settings.CONTENT_ROOT, CONTENT).build();
        Server server = WebseedServer.createServer("127.0.0.1", 0, config);
        server.start();
        try {
            URI torrentUrl = URI.create(Links.torrentUrl(WebseedServer.publicUrl(server), entry));
            Path torrent = fetchTorrent(torrentUrl, run.resolve(client.name() + ".torrent"));

            long start = System.nanoTime();
            client.download(torrent, downloadDir, workDir, DOWNLOAD_TIMEOUT);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            for (String file : InteropContent.filesOf(entry)) {
                Path got = downloadDir.resolve(file);
                assertThat(client.name() + " wrote " + file, Files.isRegularFile(got), is(true));
                assertThat(client.name() + ": SHA-256 of " + file, InteropContent.sha256(got),
                        is(InteropContent.sha256(CONTENT.resolve(file))));
            }
            report(client.name(), entry, took);
        } finally {
            server.stop();
        }
    }

    /** GETs the .torrent, waiting (bounded) while the server still hashes (503 + Retry-After). */
    static Path fetchTorrent(URI url, Path into) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build();
        long deadline = System.nanoTime() + TORRENT_READY_TIMEOUT.toNanos();
        while (true) {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 503 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                continue;
            }
            assertThat(url + " → " + new String(response.body(), StandardCharsets.UTF_8), response.statusCode(),
                    is(200));
            assertThat(url + " content type", response.headers().firstValue("Content-Type").orElse(""),
                    startsWith("application/x-bittorrent"));
            return Files.write(into, response.body());
        }
    }

    /** One line per download on stdout and in target/interop/results.txt (.ci/run prints it). */
    private static void report(String client, String entry, Duration took) throws IOException {
        String line = String.format("INTEROP PASS %-12s %-16s %6.1f s%n", client, "'" + entry + "'",
                took.toMillis() / 1000.0);
        System.out.print(line);
        Files.writeString(BASE.resolve("results.txt"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
