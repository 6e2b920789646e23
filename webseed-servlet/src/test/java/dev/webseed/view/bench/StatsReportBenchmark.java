package dev.webseed.view.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.webseed.Webseed;
import dev.webseed.config.WebseedConfig;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.publish.Publication;
import dev.webseed.testing.Downloads;
import dev.webseed.tracker.Tracker;
import dev.webseed.view.MetricsText;
import dev.webseed.view.OpsView;
import dev.webseed.view.StatsJson;

/**
 * What one {@code /stats} or {@code /metrics} answer costs with {@code publications} published
 * top-level files, every one with origin bytes and two announcing peers (so every swarm and every
 * counter row exists). {@code -prof gc} gives the bytes allocated per answer.
 *
 * <pre>
 * java -cp "$(cat cp.txt):target/classes:target/test-classes" org.openjdk.jmh.Main StatsReport \
 *      -f 1 -wi 3 -i 5 -r 1s -w 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class StatsReportBenchmark {
    @Param({"100", "10000"})
    int publications;

    private Path root;
    private Webseed webseed;
    private OpsView view;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        root = Files.createTempDirectory("stats-bench");
        for (int i = 0; i < publications; i++) {
            Files.writeString(root.resolve(String.format("title-%05d.bin", i)), "title " + i);
        }
        webseed = Webseed.start(WebseedConfig.builder().parse("contentRoot", root.toString())
                .parse("maxQueuedPublications", "1000000").build());
        webseed.publisher().whenIdle().get(10, TimeUnit.MINUTES);
        Tracker tracker = webseed.tracker().orElseThrow();
        for (String path : webseed.publisher().publications().keySet()) {
            webseed.stats().recordBytes(path, 1000 + path.hashCode() % 1000);
            InfoHash hash = ((Publication.Ready) webseed.publisher().request(path)).torrent().infoHash();
            for (int peer = 0; peer < 2; peer++) {
                tracker.announce("info_hash=" + escape(hash.bytes()) + "&peer_id=-XX0000-" + peer + "xxxxxxxxxxx"
                        + "&port=6881&uploaded=0&downloaded=" + (2000 * peer) + "&left=0", "127.0.0." + (peer + 1),
                        h -> null);
            }
        }
        view = new OpsView(webseed);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        webseed.close();
        Downloads.deleteTree(root);
    }

    @Benchmark
    public byte[] statsJson() {
        return StatsJson.write(view.report());
    }

    @Benchmark
    public byte[] metricsText() {
        return MetricsText.write(view.report());
    }

    /** The anchor: the one pass over the publisher's publications every answer needs. */
    @Benchmark
    public int publicationsPass() {
        return webseed.publisher().publications().size();
    }

    private static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append('%').append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }
}
