package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.stats.Outcome;
import dev.webseed.stats.StatsSnapshot;
import dev.webseed.testing.Interop;

/**
 * BitTorrent clients download a v1+v2 hybrid multi-file torrent (made by libtorrent, so it has BEP
 * 47 pad files, a tail pad included) from the webseed alone, with no tracker and no peer: W1, W2,
 * W7 (libtorrent pipelines), W9 (a space, non-ASCII letters and {@code +}) and W11 (aria2c asks for
 * the pads) with real clients; Transmission 3.00, which cannot open hybrids, gets the v1 torrent of
 * the same folder and must see nothing but 206s (W4). Every file is compared by SHA-256. The torrent comes from
 * libtorrent's own {@code create_torrent}, so this tests the servlet independently of Webseed's
 * publisher.
 */
final class SeedTorrentClientTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path work;
    private Path root;
    private SeedFixture seed;
    private String base;
    private Path torrent;

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(work.resolve("root"));
        seed = SeedFixture.create(root, Map.of());
        ServerConnector socket = seed.addLoopbackConnector();
        seed.server.start();
        base = "http://127.0.0.1:" + socket.getLocalPort() + "/ctx/seed/";
        Files.write(root.resolve("multi/big file.bin"), SeedFixture.bytes(3_000_000, 4));
    }

    @AfterEach
    void stop() throws Exception {
        seed.close();
    }

    @Test
    void libtorrent_downloadsTheHybridFolderFromTheWebseedAlone() throws Exception {
        createTorrent();
        Path save = Files.createDirectories(work.resolve("lt"));
        StatsSnapshot before = seed.stats();
        Result result = run(120, PYTHON.toString(), script(), "download", torrent.toString(), save.toString(), "90");
        StatsSnapshot delta = seed.stats().minus(before);
        System.out.println("libtorrent: " + result.output + delta);
        assertThat(result.output + delta, result.exit, is(0));
        assertSameFiles(save.resolve("multi"));
        assertThat(delta.toString(), delta.requests(Outcome.NOT_FOUND), is(0L));
    }

    @Test
    void aria2c_downloadsTheHybridFolderIncludingPads() throws Exception {
        Path aria2c = Interop.require("aria2c", "apt-get install aria2");
        createTorrent();
        Path save = Files.createDirectories(work.resolve("aria2"));
        StatsSnapshot before = seed.stats();
        Result result = run(120, aria2c.toString(), "--no-conf", "--enable-dht=false", "--enable-dht6=false",
                "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--seed-time=0", "--bt-stop-timeout=90",
                "--listen-port=51000-51999", "--interface=127.0.0.1", "--file-allocation=none", "--summary-interval=0",
                "--console-log-level=warn", "-d", save.toString(), torrent.toString());
        StatsSnapshot delta = seed.stats().minus(before);
        System.out.println("aria2c: " + delta);
        assertThat(result.output + delta, result.exit, is(0));
        assertSameFiles(save.resolve("multi"));
        assertThat(delta.toString(), delta.requests(Outcome.NOT_FOUND), is(0L));
        // more bytes than the files hold: aria2c fetched the pad files too, and got zeros
        assertThat(delta.toString(), delta.bytesWritten() > filesTotal(), is(true));
    }

    @Test
    void transmission_downloadsTheV1FolderWithOnly206s() throws Exception {
        Path cli = Interop.require("transmission-cli", "apt-get install transmission-cli");
        createTorrent("v1"); // Transmission 3.00 refuses to open v1+v2 hybrid torrents
        Path save = Files.createDirectories(work.resolve("transmission"));
        Path config = Files.createDirectories(work.resolve("transmission-config"));
        Files.writeString(config.resolve("settings.json"), "{\"dht-enabled\": false, \"lpd-enabled\": false, "
                + "\"pex-enabled\": false, \"utp-enabled\": false, \"port-forwarding-enabled\": false, "
                + "\"bind-address-ipv4\": \"127.0.0.1\", \"bind-address-ipv6\": \"::1\"}\n");
        Path marker = work.resolve("finished");
        Path finish = work.resolve("finish.sh");
        Files.writeString(finish, "#!/bin/sh\ntouch '" + marker + "'\n");
        finish.toFile().setExecutable(true);
        StatsSnapshot before = seed.stats();
        Path log = work.resolve("transmission.log");
        String peerPort = Integer.toString(ThreadLocalRandom.current().nextInt(49152, 65000));
        Process process = new ProcessBuilder(cli.toString(), "-g", config.toString(), "-w", save.toString(),
                "-p", peerPort, "-M", "-f", finish.toString(), torrent.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // transmission-cli seeds forever once done: wait (bounded) for its finish script, then stop it
            for (int i = 0; i < 450 && !Files.exists(marker) && process.isAlive(); i++) {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        StatsSnapshot delta = seed.stats().minus(before);
        System.out.println("transmission: " + delta);
        assertThat(delta + tail(log), Files.exists(marker), is(true));
        assertSameFiles(save.resolve("multi"));
        // Transmission counts anything but 206 as a failure (W4): every answer was a 206
        assertThat(delta.toString(), delta.requests(Outcome.PARTIAL), is(delta.totalRequests()));
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        return "\n" + text.substring(Math.max(0, text.length() - 2000));
    }

    private long filesTotal() throws IOException {
        long total = 0;
        for (String name : List.of("Grüße Welt+1.dat", "sub/nested file.bin", "big file.bin")) {
            total += Files.size(root.resolve("multi").resolve(name));
        }
        return total;
    }

    private void createTorrent() throws Exception {
        createTorrent("hybrid");
    }

    private void createTorrent(String kind) throws Exception {
        if (!Files.isExecutable(PYTHON) || run(30, PYTHON.toString(), "-c", "import libtorrent").exit != 0) {
            Interop.missing("/usr/bin/python3 with libtorrent (apt-get install python3-libtorrent)");
        }
        torrent = work.resolve("multi.torrent");
        Result created = run(60, PYTHON.toString(), script(), "create", root.resolve("multi").toString(), base,
                torrent.toString(), kind);
        assertThat(created.output, created.exit, is(0));
        System.out.println("torrent " + created.output.trim());
    }

    private void assertSameFiles(Path downloaded) throws Exception {
        for (String name : List.of("Grüße Welt+1.dat", "sub/nested file.bin", "big file.bin")) {
            assertThat(name, sha256(downloaded.resolve(name)), is(sha256(root.resolve("multi").resolve(name))));
        }
    }

    private String script() throws Exception {
        Path script = work.resolve("lt_webseed.py");
        if (!Files.exists(script)) {
            try (var in = getClass().getResourceAsStream("/interop/lt_webseed.py")) {
                Files.copy(in, script);
            }
        }
        return script.toString();
    }

    private record Result(int exit, String output) {
    }

    private static Result run(int seconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("client", ".log");
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (!finished) {
                return new Result(-1, "timed out after " + seconds + " s: " + output);
            }
            return new Result(process.exitValue(), output);
        } finally {
            process.destroyForcibly(); // this process only, by its handle
            Files.deleteIfExists(log);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
