package dev.webseed.tracker.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.tracker.Announce;
import dev.webseed.tracker.Event;
import dev.webseed.tracker.MemorySwarmStore;

/**
 * Measures the heap the in-memory swarm store needs per peer: used heap after a forced GC with
 * the store filled, minus the same before, divided by the number of peers. Run it with a fixed
 * heap so the GC behaves the same each time:
 *
 * <pre>
 * mvn -B -q -o test-compile -pl webseed-servlet
 * java -Xms2g -Xmx2g -XX:+UseParallelGC -cp webseed-servlet/target/classes:webseed-servlet/target/test-classes \
 *     dev.webseed.tracker.bench.SwarmMemory [peers=1000000] [torrents=10000] [ipv6Percent=0]
 * </pre>
 *
 * Peers are spread over the torrents uniformly at random (so swarm sizes vary around the mean);
 * each has a random 20-byte peer id, a distinct address and a port.
 */
public final class SwarmMemory {
    private SwarmMemory() {
    }

    public static void main(String[] args) throws InterruptedException {
        int peers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int torrents = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int v6Percent = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        SplittableRandom random = new SplittableRandom(2026);

        InfoHash[] hashes = new InfoHash[torrents];
        for (int i = 0; i < torrents; i++) {
            byte[] h = new byte[20];
            random.nextBytes(h);
            hashes[i] = InfoHash.of(h);
        }
        long before = usedAfterGc();
        MemorySwarmStore store = new MemorySwarmStore(torrents, Integer.MAX_VALUE / 2, Duration.ofMinutes(45), false,
                new SplittableRandom(1), 0L);
        byte[] peerId = new byte[20];
        for (int p = 0; p < peers; p++) {
            random.nextBytes(peerId);
            boolean six = random.nextInt(100) < v6Percent;
            byte[] address = six ? new byte[16] : new byte[4];
            random.nextBytes(address);
            // numwant 0: the measurement is about what the store keeps, not what it answers
            store.announce(new Announce(hashes[random.nextInt(torrents)], peerId.clone(), address,
                    1 + random.nextInt(65535), random.nextInt(4) == 0, Event.STARTED, 0, false), 1000L);
        }
        long after = usedAfterGc();
        long bytes = after - before;
        System.out.printf(Locale.ROOT, "peers=%d torrents=%d ipv6=%d%% stored=%d swarms=%d%n", peers, torrents,
                v6Percent, store.totals().peers(), store.totals().swarms());
        System.out.printf(Locale.ROOT, "heap used before=%.1f MiB after=%.1f MiB store=%.1f MiB%n",
                before / 1048576.0, after / 1048576.0, bytes / 1048576.0);
        System.out.printf(Locale.ROOT, "bytes per peer (everything, swarms and info-hashes included): %.1f%n",
                (double) bytes / store.totals().peers());
        System.out.printf(Locale.ROOT, "java %s, %s, max heap %d MiB%n", System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getVmName(), Runtime.getRuntime().maxMemory() >> 20);
        if (store.totals().peers() != peers) {
            throw new IllegalStateException("lost peers");
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100); // let a concurrent collector finish; this is a tool, not a test
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
