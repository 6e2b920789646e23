package dev.webseed.redis;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.testing.RedisServer;
import dev.webseed.tracker.Announce;
import dev.webseed.tracker.AnnounceResult;
import dev.webseed.tracker.Event;

/**
 * Concurrent announces share calls (Batches) and each still gets its own answer: many threads
 * announce at once, each to a swarm of its own where it meets exactly the peers placed there for
 * it, on a real redis-server.
 */
final class BatchesTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final long T0 = 1_800_000_000_000L;
    private static final int SWARMS = 64;
    private static final int ROUNDS = 20;

    @Test
    void everyAnnounceOfABatchGetsItsOwnSwarmsAnswer() throws Exception {
        try (RedisLink link = new RedisLink(REDIS.url(), Duration.ofSeconds(5))) {
            RedisSwarmStore store = new RedisSwarmStore(link, "batches:", 1000, 1000, 32, Duration.ofMinutes(30), false);
            for (int s = 0; s < SWARMS; s++) {
                for (int p = 0; p <= s % 5; p++) { // swarm s holds s % 5 + 1 seeds at 10.s.0.p
                    store.announce(announce(s, 100 + p, new byte[] {10, (byte) s, 0, (byte) p}, true, 0), T0);
                }
            }
            long callsBefore = evalshaCalls(link);
            ExecutorService pool = Executors.newFixedThreadPool(SWARMS);
            try {
                List<Future<String>> checks = new ArrayList<>();
                for (int s = 0; s < SWARMS; s++) {
                    int swarm = s;
                    checks.add(pool.submit(() -> {
                        for (int round = 0; round < ROUNDS; round++) {
                            AnnounceResult r = store.announce(announce(swarm, 1, new byte[] {10, (byte) swarm, 1, 1},
                                    false, 50), T0);
                            int seeds = swarm % 5 + 1;
                            if (r.counts().complete() != seeds || r.counts().incomplete() != 1
                                    || r.peers4().length != 6 * seeds) {
                                return "swarm " + swarm + " got " + r.counts() + " and " + r.peers4().length / 6 + " peers";
                            }
                            for (int i = 0; i < r.peers4().length; i += 6) {
                                if (r.peers4()[i + 1] != (byte) swarm) {
                                    return "swarm " + swarm + " was given a peer of swarm " + r.peers4()[i + 1];
                                }
                            }
                        }
                        return "ok";
                    }));
                }
                for (Future<String> check : checks) {
                    assertThat(check.get(), is("ok"));
                }
            } finally {
                pool.shutdownNow();
            }
            long calls = evalshaCalls(link) - callsBefore;
            assertThat("fewer calls than announces: " + calls + " for " + SWARMS * ROUNDS,
                    calls < SWARMS * ROUNDS, is(true));
        }
    }

    private static Announce announce(int swarm, int peer, byte[] address, boolean seed, int numwant) {
        InfoHash hash = InfoHash.fromHex(HexFormat.of().formatHex(String.format("batches-swarm-%06d", swarm)
                .getBytes(StandardCharsets.US_ASCII)));
        byte[] id = String.format("-WS0001-%012d", peer).getBytes(StandardCharsets.US_ASCII);
        return new Announce(hash, id, address, 6881, seed, seed ? Event.STARTED : Event.NONE, numwant, false);
    }

    private static long evalshaCalls(RedisLink link) {
        for (String line : link.call(r -> r.info("commandstats")).split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }
}
