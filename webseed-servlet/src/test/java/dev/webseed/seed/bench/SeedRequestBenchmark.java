package dev.webseed.seed.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.range.RangeParser;
import dev.webseed.range.RangeRequest;
import dev.webseed.seed.ContentSender;
import dev.webseed.seed.SeedService;
import dev.webseed.stats.WebseedStats;
import dev.webseed.testing.Downloads;

/**
 * The per-request cost of our own webseed code, without a container or a socket: path decoding,
 * the cached file lookup, validators, range parsing and header writing ({@code rangeOverhead},
 * with a sender that writes nothing), the same plus copying 16 KiB from the page cache through the
 * portable copying sender ({@code rangeCopy16k}), a HEAD, and range parsing alone. A regression in
 * any of them shows here without a load test.
 *
 * <pre>
 * cd webseed-servlet
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt
 * java -cp "$(cat cp.txt):target/classes:target/test-classes" org.openjdk.jmh.Main SeedRequest \
 *      -f 1 -wi 3 -i 5 -r 1s -w 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SeedRequestBenchmark {
    private static final String URI = "/ctx/seed/Season%201/Gr%C3%BC%C3%9Fe%20film+1.mkv";
    private static final long LENGTH = 2L << 30;

    private Path dir;
    private SeedService overhead;
    private SeedService copying;
    private final FakeExchange.Response response = new FakeExchange.Response();
    private final FakeExchange.Request range16k = new FakeExchange.Request("GET", URI, "bytes=1048576-1064959");
    private final FakeExchange.Request head = new FakeExchange.Request("HEAD", URI, null);

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("seed-bench");
        Path folder = Files.createDirectories(dir.resolve("Season 1"));
        try (RandomAccessFile file = new RandomAccessFile(folder.resolve("Grüße film+1.mkv").toFile(), "rw")) {
            file.setLength(LENGTH); // sparse: reads as zeros from the page cache
        }
        WebseedConfig config = WebseedConfig.builder().set(Settings.CONTENT_ROOT, dir).set(Settings.PREHASH, false)
                .build();
        ContentRoot root = ContentRoot.open(dir, dir.resolve(".webseed"), false);
        overhead = SeedService.builder(root).limits(config).stats(new WebseedStats()).clock(Clock.systemUTC())
                .sender(new NoBytes()).build();
        copying = SeedService.builder(root).limits(config).stats(new WebseedStats()).clock(Clock.systemUTC()).build();
    }

    @TearDown
    public void tearDown() throws IOException {
        Downloads.deleteTree(dir);
    }

    @Benchmark
    public int rangeOverhead() throws IOException {
        response.reset(0);
        overhead.serve(range16k, response, false);
        return response.status + response.headers.size();
    }

    @Benchmark
    public long rangeCopy16k() throws IOException {
        response.reset(0);
        copying.serve(range16k, response, false);
        return response.bodyBytes;
    }

    @Benchmark
    public int headRequest() throws IOException {
        response.reset(0);
        overhead.serve(head, response, true);
        return response.status + response.headers.size();
    }

    @Benchmark
    public RangeRequest parseRange() {
        return RangeParser.parse("bytes=1048576-1064959", LENGTH, 16);
    }

    /** Opens nothing and writes nothing: leaves only our own code to measure. */
    static final class NoBytes implements ContentSender {
        @Override
        public Session open(Path file, long length, String version) {
            return new Session() {
                @Override
                public void send(long offset, long count, OutputStream out, LongConsumer written) {
                    written.accept(count);
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
