package dev.webseed.jetty.interop;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.webseed.Webseed;
import dev.webseed.bencode.BDict;
import dev.webseed.bencode.BList;
import dev.webseed.bencode.BString;
import dev.webseed.bencode.BValue;
import dev.webseed.bencode.BencodeReader;
import dev.webseed.bencode.BencodeWriter;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.jetty.WebseedServer;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.paygate.Ed25519PrivateKey;
import dev.webseed.paygate.PemKeys;
import dev.webseed.paygate.Scope;
import dev.webseed.paygate.TokenIssuer;
import dev.webseed.stats.Outcome;
import dev.webseed.stats.StatsSnapshot;
import dev.webseed.testing.Downloads;

/**
 * The paygate with real clients (docs/design.md "Paygate token"): a ~20 MiB file under {@code paid/} is
 * protected; keys are generated and tokens issued with the Java API; two buyers fetch their
 * personal torrents (same info-hash) and two libtorrent sessions, each a separate client with its
 * own port and peer id, download them at once through our tracker, byte-exactly. The origin's own
 * byte counter proves peer exchange: both complete while the origin wrote less than twice the
 * file. Clients with a forged or an expired token (two libtorrent sessions, then aria2 with the
 * forged one) get no file byte (the counter stays 0) and only tracker refusals.
 *
 * <p>Gated by {@code dev.webseed.testing.Interop} like {@link RealClientsIT}.</p>
 */
final class PaygateSwarmIT {
    static final Path BASE = Path.of("target", "interop-paygate").toAbsolutePath();
    static final String FILM = "paid/film 20MiB.bin";
    static final long FILM_LENGTH = 20L * 1024 * 1024 + 4321;
    static final Pattern RESULT = Pattern.compile(
            "RESULT (\\S+) finished=(\\S+) peer_bytes=(\\d+) webseed_bytes=(\\d+) total_done=(\\d+)");

    Path content;
    Path keysDir;
    Ed25519PrivateKey shopKey;
    Server server;
    Webseed webseed;
    URI base;
    final LibtorrentClient libtorrent = new LibtorrentClient();

    @BeforeEach
    void origin() throws Exception {
        libtorrent.require();
        Downloads.deleteTree(BASE.resolve("runs"));
        content = BASE.resolve("content");
        InteropContent.randomFile(content.resolve(FILM), FILM_LENGTH, 4);
        // the shop's side, with the Java API: an Ed25519 key pair; the origin gets the public key only
        keysDir = Files.createDirectories(BASE.resolve("keys"));
        shopKey = Ed25519PrivateKey.generate();
        PemKeys.writePublicKeys(keysDir.resolve("public.pem"), List.of(shopKey.publicKey()));
        WebseedConfig config = WebseedConfig.builder()
                .set(Settings.CONTENT_ROOT, content)
                .set(Settings.PAYGATE_PUBLIC_KEYS, keysDir.resolve("public.pem"))
                .set(Settings.PAYGATE_PROTECT, List.of("paid/"))
                .set(Settings.ANNOUNCE_INTERVAL, Duration.ofSeconds(10))
                .set(Settings.ANNOUNCE_MIN_INTERVAL, Duration.ofSeconds(1))
                .set(Settings.REFUSAL_INTERVAL, Duration.ofSeconds(5))
                .set(Settings.PIECE_LENGTH, 256L * 1024)
                .build();
        server = WebseedServer.createServer("127.0.0.1", 0, config);
        server.start();
        webseed = WebseedServer.webseed(server);
        base = WebseedServer.publicUrl(server);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    String token(Clock clock, Duration ttl, String subject) {
        return TokenIssuer.of(shopKey, clock, 1024).token().subject(subject).scope(Scope.path("paid/")).ttl(ttl)
                .issue().token();
    }

    @Test
    void twoBuyersShareOneSwarmAndForgedOrExpiredTokensGetNothing() throws Exception {
        Path run = Files.createDirectories(BASE.resolve("runs"));
        String alice = token(Clock.systemUTC(), Duration.ofHours(48), "alice");
        String bob = token(Clock.systemUTC(), Duration.ofHours(48), "bob");
        String expired = token(Clock.offset(Clock.systemUTC(), Duration.ofDays(-3)), Duration.ofHours(1), "carol");
        int sig = alice.lastIndexOf('.') + 1;
        String forged = alice.substring(0, sig) + (alice.charAt(sig) == 'A' ? 'B' : 'A') + alice.substring(sig + 1);

        Path aliceTorrent = personalTorrent(alice, run.resolve("alice.torrent"));
        Path bobTorrent = personalTorrent(bob, run.resolve("bob.torrent"));
        InfoHash hash = infoHash(aliceTorrent);
        assertThat("one swarm: both buyers' torrents have the same info-hash", infoHash(bobTorrent), is(hash));
        // the bad tokens' torrents: the alice torrent with the token swapped (the server refuses to make them)
        Path forgedTorrent = swapToken(aliceTorrent, alice, forged, run.resolve("forged.torrent"));
        Path expiredTorrent = swapToken(aliceTorrent, alice, expired, run.resolve("expired.torrent"));

        // 1. the bad clients alone: not one file byte leaves the origin, the tracker only refuses
        StatsSnapshot before = webseed.stats().snapshot();
        String bad = swarm(run, 25, 0, 0, "forged=" + forgedTorrent + "=" + dir(run, "forged") + "=refused",
                "expired=" + expiredTorrent + "=" + dir(run, "expired") + "=refused");
        // a second client program with the forged token: aria2 must give up without the file
        Aria2Client aria2 = new Aria2Client();
        aria2.require();
        Path aria2Work = dir(run, "aria2-work");
        AssertionError aria2Failed = null;
        try {
            aria2.download(forgedTorrent, dir(run, "aria2"), aria2Work, Duration.ofSeconds(20));
        } catch (AssertionError e) {
            aria2Failed = e;
        }
        assertThat("aria2 with a forged token does not complete", aria2Failed == null, is(false));
        StatsSnapshot badSpent = webseed.stats().snapshot().minus(before);
        assertThat("origin bytes for forged/expired tokens\n" + bad, badSpent.bytesWritten(), is(0L));
        assertThat("their web seed requests were refused", badSpent.requests(Outcome.FORBIDDEN), greaterThan(0L));
        assertThat("nothing else answered", badSpent.totalRequests(), is(badSpent.requests(Outcome.FORBIDDEN)));
        for (String name : List.of("forged", "expired")) {
            Matcher m = result(bad, name);
            assertThat(name + " got nothing\n" + bad, Long.parseLong(m.group(5)), is(0L));
        }
        assertThat("tracker refusal seen by the forged client\n" + bad, bad, containsString("signature is invalid"));
        assertThat("aria2 saw the refusal too\n" + aria2Failed.getMessage(),
                Files.readString(aria2Work.resolve("aria2.log")), containsString("signature is invalid"));
        assertThat("tracker refusal seen by the expired client\n" + bad, bad, containsString("token expired"));

        // 2. two buyers at once: both complete, from the web seed and from each other
        Path aliceDir = Files.createDirectories(run.resolve("alice"));
        Path bobDir = Files.createDirectories(run.resolve("bob"));
        StatsSnapshot start = webseed.stats().snapshot();
        String good = swarm(run, 180, 1_500_000, 1, "alice=" + aliceTorrent + "=" + aliceDir + "=finish",
                "bob=" + bobTorrent + "=" + bobDir + "=finish");
        StatsSnapshot spent = webseed.stats().snapshot().minus(start);
        for (Path dir : List.of(aliceDir, bobDir)) {
            Path got = dir.resolve(FILM.substring(FILM.indexOf('/') + 1));
            assertThat("downloaded " + got + "\n" + good, Files.isRegularFile(got), is(true));
            assertThat("SHA-256 of " + got, InteropContent.sha256(got),
                    is(InteropContent.sha256(content.resolve(FILM))));
        }
        long peerBytes = 0;
        for (String name : List.of("alice", "bob")) {
            Matcher m = result(good, name);
            assertThat(name + " finished\n" + good, m.group(2), is("True"));
            assertThat(name + " got bytes from the web seed\n" + good, Long.parseLong(m.group(4)), greaterThan(0L));
            peerBytes += Long.parseLong(m.group(3));
        }
        good += "\norigin wrote " + spent.bytesWritten() + " bytes for 2 x " + FILM_LENGTH;
        assertThat("pieces travelled between the peers (libtorrent's per-peer counts)\n" + good, peerBytes,
                greaterThan(0L));
        assertThat("the origin wrote less than both copies: the rest came from the swarm\n" + good,
                spent.bytesWritten(), lessThan(2 * FILM_LENGTH));
        report(String.format("PAYGATE SWARM PASS origin wrote %.1f MiB for 2 x %.1f MiB; peer-to-peer %.1f MiB "
                + "(client counts); bad tokens: %d refusals, 0 bytes%n", spent.bytesWritten() / 1048576.0,
                FILM_LENGTH / 1048576.0, peerBytes / 1048576.0, badSpent.requests(Outcome.FORBIDDEN)));
    }

    Path personalTorrent(String token, Path into) throws Exception {
        URI url = base.resolve("torrent/t/" + token + "/paid/film%2020MiB.bin.torrent");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 503 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                continue;
            }
            assertThat(url + " → " + new String(response.body(), StandardCharsets.UTF_8), response.statusCode(),
                    is(200));
            String text = new String(response.body(), StandardCharsets.ISO_8859_1);
            assertThat("url-list carries the token", text, containsString("seed/t/" + token + "/paid/"));
            assertThat("announce carries the token", text, containsString("announce?token=" + token));
            return Files.write(into, response.body());
        }
    }

    static InfoHash infoHash(Path torrent) throws IOException {
        return InfoHash.ofInfo(BencodeReader.rawValue(Files.readAllBytes(torrent), "info"));
    }

    /**
     * A copy of a torrent with the token in {@code announce} and {@code url-list} replaced: decoded
     * and written again (our info dictionary is canonical, so its bytes and the info-hash stay).
     */
    static Path swapToken(Path torrent, String from, String to, Path into) throws IOException {
        BDict dict = (BDict) BencodeReader.decode(Files.readAllBytes(torrent));
        TreeMap<BString, BValue> entries = new TreeMap<>(dict.entries());
        String announce = dict.string("announce").orElseThrow().utf8();
        entries.put(BString.of("announce"), BString.of(announce.replace(from, to)));
        List<String> urls = new ArrayList<>();
        for (BValue url : dict.list("url-list").orElseThrow().values()) {
            urls.add(((BString) url).utf8().replace(from, to));
        }
        entries.put(BString.of("url-list"), BList.ofStrings(urls));
        byte[] out = BencodeWriter.encode(new BDict(entries));
        assertThat("info unchanged", InfoHash.ofInfo(BencodeReader.rawValue(out, "info")), is(infoHash(torrent)));
        return Files.write(into, out);
    }

    /** Runs interop/libtorrent/swarm.py; returns its whole output. */
    String swarm(Path run, int seconds, long rate, int delay, String... clients) throws Exception {
        List<String> specs = List.of(clients);
        List<String> command = new ArrayList<>(List.of(LibtorrentClient.PYTHON,
                TorrentClient.interopDir().resolve("libtorrent/swarm.py").toString(), String.valueOf(seconds),
                String.valueOf(rate), String.valueOf(delay)));
        command.addAll(specs);
        Path log = run.resolve("swarm-" + specs.get(0).substring(0, specs.get(0).indexOf('=')) + ".log");
        try (ClientProcess swarm = ClientProcess.start(command, run, log)) {
            Integer exit = swarm.awaitExit(Duration.ofSeconds(seconds + 60));
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat("swarm.py " + (exit == null ? "timed out" : "exit " + exit) + "\n" + out, exit, is(0));
            return out;
        }
    }

    static Path dir(Path run, String name) throws IOException {
        return Files.createDirectories(run.resolve("dl-" + name));
    }

    static Matcher result(String output, String name) {
        Matcher m = RESULT.matcher(output);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no RESULT for " + name + " in\n" + output);
    }

    private static void report(String line) throws IOException {
        System.out.print(line);
        Files.writeString(BASE.resolve("results.txt"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
