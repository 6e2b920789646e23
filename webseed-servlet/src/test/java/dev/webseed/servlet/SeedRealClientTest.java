package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.stats.StatsSnapshot;
import dev.webseed.testing.Interop;

/**
 * Real HTTP clients against the webseed over loopback: curl (ranges, keep-alive reuse) and aria2c
 * (a segmented download over several connections, the way it fetches a webseed file). Byte-exact
 * by SHA-256. Gated by {@link Interop}.
 */
final class SeedRealClientTest {
    private static final int BIG = 24 << 20;

    @TempDir
    Path root;
    @TempDir
    Path downloads;
    private SeedFixture seed;
    private String base;

    @BeforeEach
    void start() throws Exception {
        seed = SeedFixture.create(root, Map.of());
        ServerConnector socket = seed.addLoopbackConnector();
        seed.server.start();
        Files.write(root.resolve("big.bin"), SeedFixture.bytes(BIG, 7));
        base = "http://127.0.0.1:" + socket.getLocalPort() + "/ctx/seed/";
    }

    @AfterEach
    void stop() throws Exception {
        seed.close();
    }

    @Test
    void curl_rangesAndKeepAlive() throws Exception {
        Path curl = Interop.require("curl", "apt-get install curl");
        Path part = downloads.resolve("part");
        Result ranged = run(List.of(curl.toString(), "-sS", "-f", "-r", "1000-1999999", "-o", part.toString(),
                base + "big.bin"));
        assertThat(ranged.output, ranged.exit, is(0));
        byte[] expected = java.util.Arrays.copyOfRange(SeedFixture.bytes(BIG, 7), 1000, 2_000_000);
        assertThat(sha256(Files.readAllBytes(part)), is(sha256(expected)));

        Path one = downloads.resolve("one");
        Path two = downloads.resolve("two");
        Result reuse = run(List.of(curl.toString(), "-sS", "-v", "-f", "-r", "0-99", "-o", one.toString(),
                base + "multi/Gr%c3%bc%c3%9fe%20Welt%2b1.dat", "-r", "0-99", "-o", two.toString(),
                base + "multi/Gr%C3%BC%C3%9Fe%20Welt+1.dat"));
        assertThat(reuse.output, reuse.exit, is(0));
        assertThat(reuse.output, reuse.output.toLowerCase(java.util.Locale.ROOT), containsString("re-using"));
        assertThat(reuse.output, Files.readAllBytes(one), is(java.util.Arrays.copyOf(SeedFixture.bytes(777, 2), 100)));
        assertThat(reuse.output, Files.readAllBytes(two), is(Files.readAllBytes(one)));
    }

    @Test
    void aria2c_segmentedDownloadIsByteExact() throws Exception {
        Path aria2c = Interop.require("aria2c", "apt-get install aria2");
        StatsSnapshot before = seed.stats();
        Result result = run(List.of(aria2c.toString(), "--no-conf", "-q", "--allow-overwrite=true",
                "--file-allocation=none", "--max-connection-per-server=4", "--split=4", "--min-split-size=1M",
                "--max-tries=1", "--timeout=30", "-d", downloads.toString(), "-o", "big.bin", base + "big.bin"));
        assertThat(result.output, result.exit, is(0));
        assertThat(sha256(Files.readAllBytes(downloads.resolve("big.bin"))),
                is(sha256(SeedFixture.bytes(BIG, 7))));
        StatsSnapshot delta = seed.stats().minus(before);
        System.out.println("aria2c: " + delta);
        assertThat(delta.toString(), delta.bytesWritten() >= BIG, is(true));
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        Process process = builder.start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out: " + command);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly(); // this process only, by its handle
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
