package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.webseed.bencode.BDict;
import dev.webseed.bencode.BInteger;
import dev.webseed.bencode.BencodeReader;
import dev.webseed.paygate.Ed25519PrivateKey;
import dev.webseed.paygate.IssuedToken;
import dev.webseed.paygate.PemKeys;
import dev.webseed.paygate.Scope;
import dev.webseed.paygate.TokenIssuer;
import dev.webseed.testing.RawGet;
import dev.webseed.testing.RedisServer;

/**
 * Two origin servers sharing one real redis-server (README "Several servers"): budgets, revocations, keys and
 * swarms behave as on one server, whichever server a request reaches.
 */
@ExtendWith(WorkDirExtension.class)
final class SeveralServersTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final AtomicInteger DEPLOYMENT = new AtomicInteger();
    private static final int CHUNK = 16 << 10;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public WorkDir workDir;
    private Fleet fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new Fleet(workDir.getEmptyPathDir(), 2, Map.of("redisUrl", REDIS.url(), "redisTimeout", "5s", // counts, not latency: a stalled CI machine must not fail it
                "redisKeyPrefix", "fleet" + DEPLOYMENT.incrementAndGet() + ":", "budgetChunkBytes",
                Integer.toString(CHUNK), "trackerOpen", "true", "allowIpParameter", "true", "paygateGrace", "1h"));
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
    }

    private String token(long budget) {
        TokenIssuer.Builder b = fleet.issuer.token().subject("buyer").scope(Scope.path("paid/"))
                .ttl(Duration.ofHours(2));
        return (budget > 0 ? b.budget(budget) : b).issue().token();
    }

    private int status(int node, String token) throws Exception {
        return RawGet.get(fleet.node(node).port(), "/seed/t/" + token + "/paid/film.bin", "Range: bytes=0-99")
                .status();
    }

    @Test
    void budget_isHeldOverBothServersAndAllConnections() throws Exception {
        long budget = 150_000; // not a multiple of the chunk; the film is 400,000 bytes
        String token = token(budget);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long served = 0;
        try {
            List<Future<RawGet>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int port = fleet.node(i % 2).port();
                answers.add(pool.submit(() -> RawGet.get(port, "/seed/t/" + token + "/paid/film.bin")));
            }
            for (Future<RawGet> f : answers) {
                RawGet answer = f.get(60, TimeUnit.SECONDS);
                assertThat(answer.head(), answer.status(), anyOf(is(200), is(403)));
                if (answer.status() == 200) {
                    byte[] body = answer.body();
                    assertThat("a byte-exact prefix of the film",
                            Arrays.equals(body, Arrays.copyOf(fleet.film, body.length)), is(true));
                    served += body.length;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat("at most budget + one chunk over both servers", served, lessThanOrEqualTo(budget + CHUNK));
        assertThat("in fact exactly the budget: grants are clamped to what is left", served, is(budget));
        assertThat("used up on server 0", status(0, token), is(403));
        assertThat("used up on server 1", status(1, token), is(403));
    }

    @Test
    void revocation_enteredOnOneServer_isInForceOnTheOtherWithinFiveSeconds() throws Exception {
        IssuedToken issued = fleet.issuer.token().subject("refunded").scope(Scope.path("paid/"))
                .ttl(Duration.ofHours(2)).issue();
        assertThat(status(0, issued.token()), is(206));
        assertThat(status(1, issued.token()), is(206));
        Files.writeString(fleet.node(0).revocations(), "jti " + issued.claims().tokenId() + "\n");
        int seconds = 0;
        while (status(1, issued.token()) != 403 && seconds < 5) {
            fleet.clock.advance(Duration.ofSeconds(1)); // the injected clock drives both polls
            seconds++;
            status(0, issued.token()); // server 0 looks at its file on a request
        }
        assertThat("refused on the other server within 5 s of the clock", status(1, issued.token()), is(403));
        assertThat("and on the server whose file has it", status(0, issued.token()), is(403));
        assertThat("other buyers are not touched", status(1, token(0)), is(206));
    }

    @Test
    void newKey_inTheKeyFile_isAcceptedOnBothServersWithoutRestart() throws Exception {
        Ed25519PrivateKey next = Ed25519PrivateKey.generate();
        String nextToken = TokenIssuer.of(next, fleet.clock, 1024).token().subject("buyer")
                .scope(Scope.path("paid/")).ttl(Duration.ofHours(1)).issue().token();
        assertThat("unknown key at first", status(0, nextToken), is(403));
        Path staged = fleet.publicKeys.resolveSibling("public.pem.next");
        PemKeys.writePublicKeys(staged, List.of(fleet.shopKey.publicKey(), next.publicKey()));
        Files.setLastModifiedTime(staged, FileTime.fromMillis(Fleet.T0.toEpochMilli() + 60_000));
        Files.move(staged, fleet.publicKeys, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        fleet.clock.advance(Duration.ofSeconds(1));
        assertThat("server 0", status(0, nextToken), is(206));
        assertThat("server 1", status(1, nextToken), is(206));
        assertThat("the old key still works", status(1, token(0)), is(206));
    }

    @Test
    void grace_aDownloadStartedOnOneServerMayFinishOnTheOther() throws Exception {
        String started = fleet.issuer.token().subject("buyer").scope(Scope.path("paid/")).ttl(Duration.ofHours(1))
                .issue().token();
        String unused = fleet.issuer.token().subject("buyer").scope(Scope.path("paid/")).ttl(Duration.ofHours(1))
                .issue().token();
        assertThat("used on server 0 while valid", status(0, started), is(206));
        fleet.clock.advance(Duration.ofMinutes(65).plusSeconds(1)); // past exp + the 5 min clock skew
        assertThat("server 1 lets it finish within paygateGrace", status(1, started), is(206));
        assertThat("a token never used before exp is refused", status(1, unused), is(403));
        fleet.clock.advance(Duration.ofHours(1));
        assertThat("and after the grace window, refused", status(1, started), is(403));
    }

    // --- swarms: many threads on two servers at once, counted exactly --------------------------

    private static final int THREADS = 8;
    private static final int PEERS_PER_THREAD = 40;

    private static String escape(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }

    private String announce(int node, byte[] infoHash, int peer, String event, long left) throws Exception {
        byte[] id = String.format("-WS0001-%012d", peer).getBytes(StandardCharsets.US_ASCII);
        String query = "info_hash=" + escape(infoHash) + "&peer_id=" + escape(id) + "&port=6881&uploaded=0"
                + "&downloaded=0&left=" + left + "&compact=1&numwant=5&ip=10." + (peer >> 16) + "."
                + (peer >> 8 & 0xff) + "." + (peer & 0xff)
                + (event.isEmpty() ? "" : "&event=" + event);
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + fleet.node(node).port() + "/announce?" + query)).build(), HttpResponse.BodyHandlers.ofByteArray());
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        assertThat(body, body.contains("failure reason"), is(false));
        return body;
    }

    private long[] scrape(int node, byte[] infoHash) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + fleet.node(node).port() + "/scrape?info_hash=" + escape(infoHash))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        BDict files = (BDict) ((BDict) BencodeReader.decode(r.body())).get("files").orElseThrow();
        BDict entry = (BDict) files.entries().values().iterator().next();
        return new long[] {number(entry, "complete"), number(entry, "incomplete"), number(entry, "downloaded")};
    }

    private static long number(BDict dict, String key) {
        return ((BInteger) dict.get(key).orElseThrow()).value();
    }

    @Test
    void swarm_manyThreadsOnTwoServers_countsMatchASequentialModel() throws Exception {
        byte[] infoHash = new byte[20];
        Arrays.fill(infoHash, (byte) 0x5e);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    // each peer belongs to one thread, so its own announces are in order; the
                    // threads interleave freely over both servers
                    for (int i = 0; i < PEERS_PER_THREAD; i++) {
                        int peer = thread * PEERS_PER_THREAD + i;
                        announce(peer % 2, infoHash, peer, "started", 1000);
                        if (peer % 2 == 0) {
                            announce((peer + 1) % 2, infoHash, peer, "completed", 0);
                            announce(peer % 2, infoHash, peer, "completed", 0); // repeated: counts once
                        }
                        if (peer % 3 == 0) {
                            announce((peer + 1) % 2, infoHash, peer, "stopped", peer % 2 == 0 ? 0 : 1000);
                        } else {
                            announce(peer % 2, infoHash, peer, "", peer % 2 == 0 ? 0 : 1000);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long seeds = 0;
        long leechers = 0;
        long completed = 0;
        for (int peer = 0; peer < THREADS * PEERS_PER_THREAD; peer++) {
            boolean seed = peer % 2 == 0;
            completed += seed ? 1 : 0;
            if (peer % 3 != 0) {
                seeds += seed ? 1 : 0;
                leechers += seed ? 0 : 1;
            }
        }
        long[] model = {seeds, leechers, completed};
        assertThat("server 0 scrape matches the model", Arrays.toString(scrape(0, infoHash)),
                is(Arrays.toString(model)));
        assertThat("server 1 scrape matches the model", Arrays.toString(scrape(1, infoHash)),
                is(Arrays.toString(model)));
        String body = announce(1, infoHash, 99_999, "started", 1000);
        assertThat("a new peer is handed peers stored through either server", body, containsString("5:peers30:"));
    }
}
