package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.webseed.bencode.BencodeReader;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.paygate.Scope;
import dev.webseed.testing.Downloads;
import dev.webseed.testing.RawGet;
import dev.webseed.testing.RedisServer;

/**
 * A torrent published on one server is known to every server's tracker (README "Several servers"):
 * two servers and a real redis-server, a closed tracker ({@code trackerOpen=false}). Server 0
 * publishes; server 1 never hashes the file and still admits the announce, asks a token for a paid
 * path, refuses a hash nobody published, and answers a failure reason (never "unregistered") while
 * Redis is away.
 */
@ExtendWith(WorkDirExtension.class)
final class PublishedEverywhereTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final AtomicInteger DEPLOYMENT = new AtomicInteger();
    private static final String UNREGISTERED = "unregistered torrent";

    public WorkDir workDir;
    private Fleet fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new Fleet(workDir.getEmptyPathDir(), 2, Map.of("redisUrl", REDIS.url(),
                "redisKeyPrefix", "published" + DEPLOYMENT.incrementAndGet() + ":", "trackerOpen", "false"));
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
    }

    /** Server 0 hashes and serves the torrent; its info-hash. */
    private InfoHash publishOnServer0(String torrentPath) throws Exception {
        byte[] torrent = Downloads.torrent(URI.create("http://127.0.0.1:" + fleet.node(0).port() + "/torrent/"
                + torrentPath), Duration.ofSeconds(60));
        return InfoHash.ofInfo(BencodeReader.rawValue(torrent, "info"));
    }

    private static String escape(InfoHash hash) {
        StringBuilder out = new StringBuilder();
        for (byte b : hash.bytes()) {
            out.append('%').append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }

    private String announce(int node, InfoHash hash, String extra) throws Exception {
        RawGet r = RawGet.get(fleet.node(node).port(), "/announce?info_hash=" + escape(hash)
                + "&peer_id=-WS0001-000000000001&port=6881&uploaded=0&downloaded=0&left=10&compact=1" + extra);
        assertThat(r.status(), is(200));
        return new String(r.body(), StandardCharsets.ISO_8859_1);
    }

    /** The publisher records without waiting: bounded wait for the real event. */
    private String announceOnceRecorded(int node, InfoHash hash, String extra) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body = announce(node, hash, extra);
        while (body.contains(UNREGISTERED) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            body = announce(node, hash, extra);
        }
        return body;
    }

    private boolean hashedOnServer1(String path) {
        return fleet.node(1).webseed().publisher().publications().containsKey(path);
    }

    @Test
    void aNestedFilePublishedOnOneServerIsAdmittedByTheOtherWithoutHashingIt() throws Exception {
        Downloads.content(fleet.root.resolve("music/album/track.bin"), 30_000, 3);
        InfoHash hash = publishOnServer0("music/album/track.bin.torrent");
        String body = announceOnceRecorded(1, hash, "");
        assertThat(body, not(containsString("failure reason")));
        assertThat("the announce was stored", body, containsString("10:incompletei1e"));
        assertThat("server 1 never hashed it", hashedOnServer1("music/album/track.bin"), is(false));
        RawGet scrape = RawGet.get(fleet.node(1).port(), "/scrape?info_hash=" + escape(hash));
        assertThat("and scrapes see the swarm", new String(scrape.body(), StandardCharsets.ISO_8859_1),
                containsString("10:incompletei1e"));
    }

    @Test
    void aPaidPathNeedsAValidTokenOnTheOtherServerToo() throws Exception {
        String token = fleet.issuer.token().subject("buyer").scope(Scope.path("paid/")).ttl(Duration.ofHours(2))
                .issue().token();
        InfoHash film = publishOnServer0("t/" + token + "/paid/film.bin.torrent");
        String anonymous = announceOnceRecorded(1, film, "");
        assertThat(anonymous, containsString("failure reason"));
        assertThat(anonymous, containsString("paygate: a token is required"));
        String other = fleet.issuer.token().subject("buyer").scope(Scope.path("free.bin")).ttl(Duration.ofHours(2))
                .issue().token();
        assertThat("a token for another path", announce(1, film, "&token=" + other),
                containsString("failure reason"));
        String paid = announce(1, film, "&token=" + token);
        assertThat(paid, not(containsString("failure reason")));
        assertThat(paid, containsString("10:incompletei1e"));
        assertThat("server 1 never hashed it", hashedOnServer1("paid/film.bin"), is(false));
    }

    @Test
    void anOpenTrackerStillAsksATokenForASwarmPaidOnAnotherServer() throws Exception {
        fleet.close();
        fleet = new Fleet(workDir.getEmptyPathDir().resolve("open"), 2, Map.of("redisUrl", REDIS.url(),
                "redisKeyPrefix", "published" + DEPLOYMENT.incrementAndGet() + ":", "trackerOpen", "true"));
        String token = fleet.issuer.token().subject("buyer").scope(Scope.path("paid/")).ttl(Duration.ofHours(2))
                .issue().token();
        InfoHash film = publishOnServer0("t/" + token + "/paid/film.bin.torrent");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String anonymous = announce(1, film, "");
        while (!anonymous.contains("failure reason") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            anonymous = announce(1, film, "");
        }
        assertThat("not tracked as an unknown swarm: the paid swarm's peers stay behind the token", anonymous,
                containsString("paygate: a token is required"));
        assertThat(announce(1, film, "&token=" + token), not(containsString("failure reason")));
        assertThat("an unknown hash is tracked, as an open tracker does", announce(1, InfoHash.fromHex("5e".repeat(20)),
                ""), not(containsString("failure reason")));
    }

    @Test
    void aHashNobodyPublishedStaysUnregistered() throws Exception {
        InfoHash nobody = InfoHash.fromHex("5e".repeat(20));
        assertThat(announce(0, nobody, ""), containsString(UNREGISTERED));
        assertThat(announce(1, nobody, ""), containsString(UNREGISTERED));
    }

    @Test
    void redisAway_aFailureReasonNeverUnregistered_thenRecoveryWithoutRestart() throws Exception {
        Downloads.content(fleet.root.resolve("music/a.bin"), 20_000, 4);
        InfoHash a = publishOnServer0("music/a.bin.torrent");
        assertThat(announceOnceRecorded(1, a, ""), not(containsString("failure reason")));
        InfoHash nobody = InfoHash.fromHex("5e".repeat(20));

        REDIS.kill();

        String unknown = announce(1, nobody, "");
        assertThat("server 1 cannot know: it says so, not unregistered", unknown,
                containsString("failure reason44:tracker state unavailable, try again shortly"));
        assertThat(announce(1, a, ""), containsString("failure reason"));

        REDIS.restart(); // empty, as after a crash without persistence

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(announce(0, nobody, "").contains(UNREGISTERED) && announce(1, nobody, "").contains(UNREGISTERED))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat("back without a restart", announce(1, nobody, ""), containsString(UNREGISTERED));
        assertThat("on both servers", announce(0, nobody, ""), containsString(UNREGISTERED));
        assertThat("what server 1 found before is kept", announce(1, a, ""), not(containsString("failure reason")));
        Downloads.content(fleet.root.resolve("music/b.bin"), 20_000, 5);
        InfoHash b = publishOnServer0("music/b.bin.torrent");
        assertThat("published after the restart: known everywhere", announceOnceRecorded(1, b, ""),
                not(containsString("failure reason")));
    }

    @Test
    void aRedisThatLostItsDataGetsTheEntriesBackFromThePublishingServer() throws Exception {
        Downloads.content(fleet.root.resolve("music/c.bin"), 20_000, 6);
        InfoHash c = publishOnServer0("music/c.bin.torrent");
        REDIS.restart(); // the record is lost before server 1 ever asked
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (announce(1, c, "").contains("tracker state unavailable") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(announce(1, c, ""), containsString(UNREGISTERED));
        fleet.clock.advance(Duration.ofSeconds(61));
        // requests on the publishing server a minute later record it again (each one tries while
        // server 0's own connection is still coming back)
        deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String body;
        do {
            publishOnServer0("music/c.bin.torrent");
            Thread.sleep(50);
            body = announce(1, c, "");
        } while (body.contains("failure reason") && System.nanoTime() < deadline);
        assertThat(body, not(containsString("failure reason")));
    }
}
