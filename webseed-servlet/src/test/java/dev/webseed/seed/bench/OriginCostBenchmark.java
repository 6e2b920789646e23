package dev.webseed.seed.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.origin.OriginScheduler;
import dev.webseed.origin.Parker;
import dev.webseed.origin.SwarmPresence;
import dev.webseed.seed.SeedService;
import dev.webseed.testing.Downloads;

/**
 * What the origin scheduler costs a web seed request when no budget is set (the goal is at
 * most 3%): the same range request served by the same service with the copying sender, once plain
 * ({@code plain}) and once through the scheduler ({@code scheduled}: every span classified in the
 * file's record and counted). Ranges move over a 2 GiB sparse file, so first copies and repeats
 * both occur, at 16 KiB and 1 MiB; with {@code sender=none} nothing is copied, which shows the
 * scheduler's own cost against our per-request code alone.
 *
 * <pre>
 * cd webseed-servlet
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt
 * java -cp "$(cat cp.txt):target/classes:target/test-classes" org.openjdk.jmh.Main OriginCost \
 *      -f 1 -wi 3 -i 5 -r 1s -w 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OriginCostBenchmark {
    private static final String URI = "/ctx/seed/film.mkv";
    private static final long LENGTH = 2L << 30;
    private static final int RANGES = 4096;

    @Param({"16384", "1048576"})
    public int span;

    /** {@code copy}: the portable copying sender; {@code none}: writes nothing, leaving only our code. */
    @Param({"copy", "none"})
    public String sender;

    private Path dir;
    private SeedService plain;
    private SeedService scheduled;
    private FakeExchange.Request[] requests;
    private int next;
    private final FakeExchange.Response response = new FakeExchange.Response();

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("origin-bench");
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("film.mkv").toFile(), "rw")) {
            file.setLength(LENGTH); // sparse: reads as zeros from the page cache
        }
        WebseedConfig config = WebseedConfig.builder().set(Settings.CONTENT_ROOT, dir).set(Settings.PREHASH, false)
                .build();
        ContentRoot root = ContentRoot.open(dir, dir.resolve(".webseed"), false);
        OriginScheduler origin = OriginScheduler.create(0, 100, 64 << 20, config.get(Settings.WEBSEED_ALONE_WINDOW),
                root::relativize, Clock.systemUTC(), Parker.WAIT, SwarmPresence.UNKNOWN);
        SeedService.Builder plainService = SeedService.builder(root).limits(config);
        SeedService.Builder scheduledService = SeedService.builder(root).limits(config).wrapSender(origin::wrap);
        if (sender.equals("none")) {
            plainService.sender(new SeedRequestBenchmark.NoBytes());
            scheduledService.sender(new SeedRequestBenchmark.NoBytes());
        }
        plain = plainService.build();
        scheduled = scheduledService.build();
        requests = new FakeExchange.Request[RANGES];
        long stride = LENGTH / RANGES; // 512 KiB apart: a 1 MiB span overlaps its neighbour (repeats)
        for (int i = 0; i < RANGES; i++) {
            long first = i * stride;
            long last = Math.min(LENGTH, first + span) - 1;
            requests[i] = new FakeExchange.Request("GET", URI, "bytes=" + first + "-" + last);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        Downloads.deleteTree(dir);
    }

    @Benchmark
    public long plain() throws IOException {
        response.reset(0);
        plain.serve(request(), response, false);
        return response.bodyBytes;
    }

    @Benchmark
    public long scheduled() throws IOException {
        response.reset(0);
        scheduled.serve(request(), response, false);
        return response.bodyBytes;
    }

    private FakeExchange.Request request() {
        FakeExchange.Request request = requests[next];
        next = (next + 1) % RANGES;
        return request;
    }
}
