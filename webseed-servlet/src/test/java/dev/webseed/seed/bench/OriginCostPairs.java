package dev.webseed.seed.bench;

import java.io.IOException;
import java.util.Arrays;

/**
 * {@link OriginCostBenchmark}'s two services measured in alternating rounds in one JVM, for a
 * machine too loaded for back-to-back JMH runs to resolve 3%: each round times a batch of plain
 * requests and a batch of scheduled ones (the order alternating), so slow swings of the load hit
 * both sides of a round alike; the median of the per-round ratios is the figure.
 *
 * <pre>
 * java -cp "$(cat cp.txt):target/classes:target/test-classes" dev.webseed.seed.bench.OriginCostPairs [rounds]
 * </pre>
 */
public final class OriginCostPairs {
    private OriginCostPairs() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 41;
        for (String sender : new String[] {"copy", "none"}) {
            for (int span : new int[] {16384, 1048576}) {
                OriginCostBenchmark bench = new OriginCostBenchmark();
                bench.sender = sender;
                bench.span = span;
                bench.setUp();
                try {
                    int batch = span > 65536 ? 200 : 4000;
                    for (int i = 0; i < 5; i++) { // warm-up: let the JIT settle on both paths
                        time(bench, false, batch);
                        time(bench, true, batch);
                    }
                    double[] ratios = new double[rounds];
                    double[] plain = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        boolean plainFirst = r % 2 == 0;
                        long a = time(bench, !plainFirst, batch);
                        long b = time(bench, plainFirst, batch);
                        long plainNanos = plainFirst ? a : b;
                        long scheduledNanos = plainFirst ? b : a;
                        ratios[r] = (double) scheduledNanos / plainNanos;
                        plain[r] = (double) plainNanos / batch;
                    }
                    Arrays.sort(ratios);
                    Arrays.sort(plain);
                    System.out.printf("sender=%s span=%d rounds=%d plain median %.0f ns/request; scheduled/plain "
                            + "median %.3f (quartiles %.3f-%.3f)%n", sender, span, rounds, plain[rounds / 2],
                            ratios[rounds / 2], ratios[rounds / 4], ratios[3 * rounds / 4]);
                } finally {
                    bench.tearDown();
                }
            }
        }
    }

    private static long time(OriginCostBenchmark bench, boolean scheduled, int batch) throws IOException {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            sink += scheduled ? bench.scheduled() : bench.plain();
        }
        long elapsed = System.nanoTime() - start;
        if (sink < 0) {
            throw new IllegalStateException("unreachable: keeps the results alive");
        }
        return elapsed;
    }
}
