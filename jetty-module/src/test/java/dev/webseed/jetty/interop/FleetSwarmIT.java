package dev.webseed.jetty.interop;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.webseed.bencode.BDict;
import dev.webseed.bencode.BString;
import dev.webseed.bencode.BValue;
import dev.webseed.bencode.BencodeReader;
import dev.webseed.bencode.BencodeWriter;
import dev.webseed.jetty.Fleet;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.testing.Downloads;
import dev.webseed.testing.LoopbackPorts;
import dev.webseed.testing.Nginx;
import dev.webseed.testing.RedisServer;

/**
 * Two origin servers sharing one real Redis behind a real nginx (round robin), README "Several servers": a
 * libtorrent seeder and an aria2 leecher, pointed only at nginx, find each other through the
 * shared swarm and the leecher completes byte-exactly from the seeder alone (the web seed is
 * removed from its torrent), while consecutive announces demonstrably reach both servers. Only
 * server 0 ever hashes the file (a file below the top level, served by server 0 alone): server 1's
 * tracker knows the torrent from the registry the servers share.
 */
final class FleetSwarmIT {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    static final Path BASE = Path.of("target", "interop-fleet").toAbsolutePath();
    static final int FILE_LENGTH = 3 * 1024 * 1024 + 777;
    static final String FILE = "releases/swarm.bin";

    final LibtorrentClient libtorrent = new LibtorrentClient();
    final Aria2Client aria2 = new Aria2Client();
    Fleet fleet;
    Nginx nginx;

    @BeforeEach
    void start() throws Exception {
        libtorrent.require();
        aria2.require();
        Downloads.deleteTree(BASE);
        int port = LoopbackPorts.free();
        fleet = new Fleet(Files.createDirectories(BASE.resolve("fleet")), 2, Map.of("redisUrl", REDIS.url(),
                "publicUrl", "http://127.0.0.1:" + port + "/", "trustedProxies", "127.0.0.1",
                "announceInterval", "10s", "announceMinInterval", "1s", "pieceLength", "256k"));
        byte[] bytes = new byte[FILE_LENGTH];
        new Random(13).nextBytes(bytes);
        Files.write(Files.createDirectories(fleet.root.resolve("releases")).resolve("swarm.bin"), bytes);
        nginx = Nginx.start(BASE.resolve("nginx"), port, List.of(fleet.node(0).port(), fleet.node(1).port()));
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void seederAndLeecherMeetThroughTwoServersBehindNginx() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + nginx.port() + "/");
        // server 0 alone hashes the file and serves its .torrent; server 1's tracker learns it from Redis
        byte[] torrent = Downloads.torrent(URI.create("http://127.0.0.1:" + fleet.node(0).port() + "/torrent/"
                + FILE + ".torrent"), Duration.ofSeconds(60));
        Path peersOnly = Files.write(BASE.resolve("swarm-peers-only.torrent"), withoutWebSeed(torrent));
        String text = new String(Files.readAllBytes(peersOnly), StandardCharsets.ISO_8859_1);
        assertThat("the tracker is nginx", text, containsString("http://127.0.0.1:" + nginx.port() + "/announce"));
        assertThat("no web seed", text.contains("url-list"), is(false));

        // the seeder: libtorrent with the whole file in its save folder
        Path seedDir = Files.createDirectories(BASE.resolve("seeder"));
        Files.copy(fleet.root.resolve(FILE), seedDir.resolve("swarm.bin"));
        List<String> command = List.of(LibtorrentClient.PYTHON, TorrentClient.interopDir()
                .resolve("libtorrent/swarm.py").toString(), "170", "0", "0", "seeder=" + peersOnly + "=" + seedDir
                + "=refused");
        try (ClientProcess seeder = ClientProcess.start(command, BASE, BASE.resolve("seeder.log"))) {
            InfoHash hash = InfoHash.ofInfo(BencodeReader.rawValue(torrent, "info"));
            awaitSeeder(base, hash);
            Path leechDir = Files.createDirectories(BASE.resolve("leecher"));
            Path work = Files.createDirectories(BASE.resolve("leecher-work"));
            aria2.download(peersOnly, leechDir, work, Duration.ofSeconds(120));
            assertThat("byte-exact from the seeder alone", InteropContent.sha256(leechDir.resolve("swarm.bin")),
                    is(InteropContent.sha256(fleet.root.resolve(FILE))));
        }
        List<String> announces = new ArrayList<>();
        for (String line : nginx.accessLog()) {
            if (line.startsWith("/announce")) {
                announces.add(line);
            }
        }
        long first = announces.stream().filter(l -> l.contains(":" + fleet.node(0).port() + " ")).count();
        long second = announces.stream().filter(l -> l.contains(":" + fleet.node(1).port() + " ")).count();
        assertThat("announces reached server 0: " + announces, first, greaterThan(0L));
        assertThat("announces reached server 1: " + announces, second, greaterThan(0L));
        long seedBytes = fleet.node(0).webseed().stats().snapshot().bytesWritten()
                + fleet.node(1).webseed().stats().snapshot().bytesWritten();
        assertThat("no web seed byte was served", seedBytes, is(0L));
        assertThat("server 1 never hashed the file", fleet.node(1).webseed().publisher().publications()
                .containsKey(FILE), is(false));
    }

    /** Waits (bounded, on the real event) until a scrape through nginx shows the seeder. */
    private static void awaitSeeder(URI base, InfoHash hash) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder escaped = new StringBuilder();
        for (byte b : hash.bytes()) {
            escaped.append('%').append(String.format("%02x", b & 0xff));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = new String(http.send(HttpRequest.newBuilder(base.resolve("scrape?info_hash=" + escaped)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.ISO_8859_1);
            if (body.contains("8:completei1e")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the seeder never showed up in the swarm: " + body);
    }

    /** The torrent without {@code url-list}: the leecher has the seeder and nothing else. */
    private static byte[] withoutWebSeed(byte[] torrent) {
        BDict dict = (BDict) BencodeReader.decode(torrent);
        TreeMap<BString, BValue> entries = new TreeMap<>(dict.entries());
        entries.remove(BString.of("url-list"));
        return BencodeWriter.encode(new BDict(entries));
    }
}
