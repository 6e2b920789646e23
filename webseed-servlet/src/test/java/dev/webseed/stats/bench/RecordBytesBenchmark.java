package dev.webseed.stats.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.webseed.stats.WebseedStats;

/**
 * What the operator view adds to each webseed write: the server-wide byte count alone (before
 * the operator view) against the count with the per-entry and recent-window counters (after), two threads
 * writing to the same entry (the contended case). The webseed counts once per write of up to 4 MiB
 * (Jetty) or one 64 KiB buffer (the copying sender).
 *
 * <pre>
 * java -cp "$(cat cp.txt):target/classes:target/test-classes" org.openjdk.jmh.Main RecordBytes -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class RecordBytesBenchmark {
    private final WebseedStats stats = new WebseedStats(Clock.systemUTC(), Duration.ofSeconds(60), 100_000);

    @Benchmark
    public void totalOnly() {
        stats.recordBytes(65536);
    }

    @Benchmark
    public void perEntryAndWindow() {
        stats.recordBytes("film.mkv", 65536);
    }
}
