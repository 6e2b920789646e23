package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.stats.Outcome;
import dev.webseed.stats.StatsSnapshot;
import dev.webseed.testing.Interop;

/**
 * Throughput of the copying sender under {@code wrk}, for the report; not part of the normal build
 * (run with {@code -Dtest=SeedThroughputBench -Dwebseed.bench=true}). Asserts only that every
 * response was a 206, never a speed.
 */
@EnabledIfSystemProperty(named = "webseed.bench", matches = "true")
final class SeedThroughputBench {
    @TempDir
    Path root;

    @Test
    void rangeThroughput() throws Exception {
        Path wrk = Interop.require("wrk", "apt-get install wrk");
        try (RandomAccessFile big = new RandomAccessFile(root.resolve("film.bin").toFile(), "rw")) {
            big.setLength(512L << 20);
        }
        SeedFixture seed = SeedFixture.create(root, Map.of());
        ServerConnector socket = seed.addLoopbackConnector();
        try {
            seed.server.start();
            String url = "http://127.0.0.1:" + socket.getLocalPort() + "/ctx/seed/film.bin";
            for (String range : List.of("bytes=0-262143", "bytes=0-4194303", "bytes=268435456-285212671",
                    "bytes=0-262143")) {
                StatsSnapshot before = seed.stats();
                Process process = new ProcessBuilder(wrk.toString(), "-t2", "-c8", "-d8s", "-H", "Range: " + range,
                        url).redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(out, process.waitFor(60, TimeUnit.SECONDS), is(true));
                StatsSnapshot delta = seed.stats().minus(before);
                System.out.println("wrk Range: " + range + "\n" + out + "server: " + delta);
                assertThat(out, out, containsString("Transfer/sec"));
                assertThat(delta.toString(), delta.totalRequests(), is(delta.requests(Outcome.PARTIAL)));
            }
        } finally {
            seed.close();
        }
    }
}
