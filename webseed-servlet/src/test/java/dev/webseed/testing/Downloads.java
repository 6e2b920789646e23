package dev.webseed.testing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What the distribution tests share: deterministic content, fetching a {@code .torrent} (which is
 * answered 503 while its pieces are being hashed), a download by aria2 (the real client every
 * distribution test uses) and the SHA-256 that proves a download byte-exact.
 */
public final class Downloads {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Downloads() {
    }

    /** Writes {@code size} pseudo-random bytes from a fixed seed. */
    public static Path content(Path file, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** GET with a 10 s timeout. */
    public static HttpResponse<byte[]> get(URI uri, Map<String, String> headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Fetches a {@code .torrent}, retrying (every 250 ms, at most {@code timeout}) while the server
     * answers 503 because the pieces are still being hashed.
     */
    public static byte[] torrent(URI uri, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<byte[]> response = get(uri, Map.of());
            if (response.statusCode() == 200) {
                return response.body();
            }
            if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                throw new AssertionError(uri + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            Thread.sleep(250);
        }
    }

    /**
     * Downloads a torrent with aria2c (skipped or failed by {@link Interop} when it is missing) into
     * {@code dir}: no DHT, LSD or PEX, loopback only, so the bytes come from the web seed (and the
     * tracker is the only peer source).
     */
    public static void aria2(Path torrentFile, Path dir, Duration timeout) throws IOException, InterruptedException {
        aria2(torrentFile, dir, timeout, List.of());
    }

    /** Like {@link #aria2(Path, Path, Duration)} with more aria2c options, e.g. a rate limit. */
    public static void aria2(Path torrentFile, Path dir, Duration timeout, List<String> options)
            throws IOException, InterruptedException {
        Path aria2c = Interop.require("aria2c", "apt-get install aria2");
        Path log = dir.resolveSibling(dir.getFileName() + "-aria2.log");
        List<String> command = new java.util.ArrayList<>(List.of(aria2c.toString(), "--dir=" + dir, "--seed-time=0",
                "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--interface=127.0.0.1", "--disable-ipv6=true", "--listen-port=40000-60000", "--no-conf=true",
                "--console-log-level=notice", "--show-console-readout=false", "--summary-interval=0",
                "--allow-overwrite=true", "--auto-file-renaming=false", "--file-allocation=none",
                "--bt-stop-timeout=" + timeout.toSeconds()));
        command.addAll(options);
        command.add(torrentFile.toString());
        Files.createDirectories(dir);
        try (ServerProcess client = ServerProcess.start(command, dir, Map.of("LC_ALL", "C.UTF-8"), log)) {
            Integer exit = client.awaitExit(timeout);
            if (exit == null || exit != 0) {
                throw new AssertionError("aria2c did not complete (" + (exit == null ? "timed out" : "exit " + exit)
                        + "):\n" + client.tail(30));
            }
        }
    }

    /** Lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return String.format("%064x", new BigInteger(1, digest.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a folder and everything below it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
