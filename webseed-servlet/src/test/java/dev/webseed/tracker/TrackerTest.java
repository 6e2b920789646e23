package dev.webseed.tracker;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import dev.webseed.bencode.BDict;
import dev.webseed.bencode.BList;
import dev.webseed.bencode.BString;
import dev.webseed.bencode.BValue;
import dev.webseed.bencode.BencodeReader;
import dev.webseed.bencode.BencodeWriter;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.testing.SteppingClock;

final class TrackerTest {
    static final String HASH_A = "%aa".repeat(20);
    static final String HASH_B = "%bb".repeat(20);
    /** No jitter: the generator always answers 0. */
    static final RandomGenerator ZERO = () -> 0L;

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));

    static WebseedConfig.Builder config() {
        return WebseedConfig.builder().set(Settings.CONTENT_ROOT, Path.of("unused"));
    }

    private Tracker tracker(WebseedConfig config, Predicate<InfoHash> published, RandomGenerator random) {
        return Tracker.builder(config, SwarmGate.publishing(published)).clock(clock).random(random).build();
    }

    private Tracker open() {
        return tracker(config().set(Settings.TRACKER_OPEN, true).build(), h -> false, ZERO);
    }

    static String peer(int n) {
        return "-XX0000-%00%00%00%00%00%00%00%00%00%00%00" + String.format("%%%02x", n);
    }

    static String announceQuery(String hash, int peer, String extra) {
        return "info_hash=" + hash + "&peer_id=" + peer(peer) + "&port=" + (6000 + peer)
                + "&uploaded=0&downloaded=0&left=100" + extra;
    }

    /** Decodes a body, and checks it is canonical bencode (sorted keys) by re-encoding it. */
    static BDict decode(byte[] body) {
        BValue value = BencodeReader.decode(body);
        assertThat("canonical bencode, keys in raw byte order", HexFormat.of().formatHex(BencodeWriter.encode(value)),
                is(HexFormat.of().formatHex(body)));
        return (BDict) value;
    }

    static String hex(BDict d, String key) {
        return HexFormat.of().formatHex(d.string(key).orElseThrow().bytes());
    }

    @Test
    void compactAnswer_hasV4AndV6LayoutsCountsAndExternalIp() {
        Tracker t = open();
        t.announce(announceQuery(HASH_A, 1, "&event=started"), "192.0.2.1", n -> null);
        t.announce(announceQuery(HASH_A, 2, "&event=started"), "2001:db8::2", n -> null);
        t.announce(announceQuery(HASH_A, 3, "").replace("left=100", "left=0"), "192.0.2.3", n -> null);
        BDict d = decode(t.announce(announceQuery(HASH_A, 4, "&compact=1"), "::ffff:192.0.2.4", n -> null));
        assertThat("complete", d.integer("complete").orElseThrow(), is(1L));
        assertThat("incomplete", d.integer("incomplete").orElseThrow(), is(3L));
        assertThat("downloaded", d.integer("downloaded").orElseThrow(), is(0L));
        assertThat("interval without jitter", d.integer("interval").orElseThrow(), is(1800L));
        assertThat("min interval", d.integer("min interval").orElseThrow(), is(300L));
        assertThat("BEP 24 external ip: mapped address normalised to 4 bytes", hex(d, "external ip"),
                is("c0000204"));
        String peers = hex(d, "peers");
        assertThat("BEP 23: 2 peers x 6 bytes", peers.length(), is(24));
        assertThat("192.0.2.1:6001", peers.contains("c00002011771"), is(true));
        assertThat("192.0.2.3:6003", peers.contains("c00002031773"), is(true));
        assertThat("BEP 7: one IPv6 peer, 16 address bytes + port 6002", hex(d, "peers6"),
                is("20010db8000000000000000000000002" + "1772"));
        assertThat("no tracker id by default", d.get("tracker id").isPresent(), is(false));
    }

    @Test
    void dictModel_whenCompactIsZero_withAndWithoutPeerIds() {
        Tracker t = open();
        t.announce(announceQuery(HASH_A, 1, ""), "192.0.2.1", n -> null);
        t.announce(announceQuery(HASH_A, 2, ""), "2001:db8::2", n -> null);
        BDict d = decode(t.announce(announceQuery(HASH_A, 3, "&compact=0"), "192.0.2.3", n -> null));
        List<BValue> peers = ((BList) d.get("peers").orElseThrow()).values();
        assertThat("two peers", peers.size(), is(2));
        BDict v4 = (BDict) peers.get(0);
        assertThat("ip as text", v4.string("ip").orElseThrow().utf8(), is("192.0.2.1"));
        assertThat("port", v4.integer("port").orElseThrow(), is(6001L));
        assertThat("peer id", v4.string("peer id").orElseThrow().bytes()[19], is((byte) 1));
        BDict v6 = (BDict) peers.get(1);
        assertThat("BEP 7: IPv6 in the ip string", v6.string("ip").orElseThrow().utf8(), containsString("2001:db8"));

        BDict n = decode(t.announce(announceQuery(HASH_A, 3, "&compact=0&no_peer_id=1"), "192.0.2.3", x -> null));
        BDict first = (BDict) ((BList) n.get("peers").orElseThrow()).values().get(0);
        assertThat("no_peer_id omits it", first.get("peer id").isPresent(), is(false));
    }

    @Test
    void jitterAndTrackerId_areDeterministicUnderAnInjectedRandom() {
        Tracker t = tracker(config().set(Settings.TRACKER_OPEN, true).set(Settings.TRACKER_ID, "origin-1").build(),
                h -> false, new SplittableRandom(3));
        for (int i = 0; i < 20; i++) {
            BDict d = decode(t.announce(announceQuery(HASH_A, 1, ""), "192.0.2.1", n -> null));
            long interval = d.integer("interval").orElseThrow();
            assertThat("at least the interval", interval, greaterThanOrEqualTo(1800L));
            assertThat("at most 10% more", interval, lessThanOrEqualTo(1980L));
            assertThat("tracker id", d.string("tracker id").orElseThrow().utf8(), is("origin-1"));
        }
    }

    @Test
    void unknownHash_isRefusedWithARetryInterval_unlessOpen() {
        InfoHash b = InfoHash.fromHex("bb".repeat(20));
        Tracker closed = tracker(config().build(), b::equals, ZERO);
        BDict refused = decode(closed.announce(announceQuery(HASH_A, 1, ""), "192.0.2.1", n -> null));
        assertThat("reason", refused.string("failure reason").orElseThrow().utf8(), containsString("unregistered"));
        assertThat("T3: interval so clients come back", refused.integer("interval").orElseThrow(), is(60L));
        assertThat("min interval", refused.integer("min interval").orElseThrow(), is(60L));
        BDict ok = decode(closed.announce(announceQuery(HASH_B, 1, ""), "192.0.2.1", n -> null));
        assertThat("published hash tracked", ok.integer("incomplete").orElseThrow(), is(1L));
    }

    @Test
    void numwant_isCappedAndStoppedGetsNoPeers() {
        Tracker t = tracker(config().set(Settings.TRACKER_OPEN, true).set(Settings.NUMWANT_MAX, 5)
                .set(Settings.NUMWANT_DEFAULT, 5).build(),
                h -> false, ZERO);
        for (int p = 1; p <= 10; p++) {
            t.announce(announceQuery(HASH_A, p, ""), "192.0.2." + p, n -> null);
        }
        BDict d = decode(t.announce(announceQuery(HASH_A, 1, "&numwant=200"), "192.0.2.1", n -> null));
        assertThat("capped at numwantMax", d.string("peers").orElseThrow().length(), is(5 * 6));
        BDict s = decode(t.announce(announceQuery(HASH_A, 1, "&event=stopped"), "192.0.2.1", n -> null));
        assertThat("stopped: no peers", s.string("peers").orElseThrow().length(), is(0));
        assertThat("stopped: removed", s.integer("incomplete").orElseThrow(), is(9L));
    }

    @Test
    void ipParameter_onlyWhenAllowed() {
        Tracker ignoring = open();
        ignoring.announce(announceQuery(HASH_A, 1, "&ip=198.51.100.1"), "192.0.2.1", n -> null);
        BDict d = decode(ignoring.announce(announceQuery(HASH_A, 2, ""), "192.0.2.2", n -> null));
        assertThat("socket address listed", hex(d, "peers"), is("c00002011771"));
        Tracker believing = tracker(config().set(Settings.TRACKER_OPEN, true).set(Settings.ALLOW_IP_PARAMETER, true)
                .build(), h -> false, ZERO);
        believing.announce(announceQuery(HASH_A, 1, "&ip=198.51.100.1"), "192.0.2.1", n -> null);
        d = decode(believing.announce(announceQuery(HASH_A, 2, ""), "192.0.2.2", n -> null));
        assertThat("ip= listed", hex(d, "peers"), is("c63364011771"));
        d = decode(believing.announce(announceQuery(HASH_A, 1, "&ip=tracker.example"), "192.0.2.1", n -> null));
        assertThat("a name is refused, never resolved", d.string("failure reason").orElseThrow().utf8(),
                containsString("invalid ip"));
    }

    @Test
    void trustedProxy_forwardedAddressBecomesThePeer() {
        Tracker t = tracker(config().set(Settings.TRACKER_OPEN, true)
                .set(Settings.TRUSTED_PROXIES, List.of("127.0.0.1")).build(), h -> false, ZERO);
        BDict d = decode(t.announce(announceQuery(HASH_A, 1, ""), "127.0.0.1",
                Map.of("X-Forwarded-For", "203.0.113.5")::get));
        assertThat("client address from X-Forwarded-For", hex(d, "external ip"), is("cb007105"));
    }

    @Test
    void scrape_echoesEveryHashSortedWithZerosAndBep21Downloaders() {
        Tracker t = open();
        t.announce(announceQuery(HASH_B, 1, ""), "192.0.2.1", n -> null);
        t.announce(announceQuery(HASH_B, 2, "&event=paused"), "192.0.2.2", n -> null);
        t.announce(announceQuery(HASH_B, 3, "&event=completed").replace("left=100", "left=0"), "192.0.2.3",
                n -> null);
        BDict d = decode(t.scrape("info_hash=" + HASH_B + "&info_hash=" + HASH_A + "&info_hash=" + HASH_B));
        BDict files = d.dict("files").orElseThrow();
        assertThat("both hashes, once each", files.entries().size(), is(2));
        BDict a = (BDict) files.entries().get(BString.of(HexFormat.of().parseHex("aa".repeat(20))));
        assertThat("unknown hash: zeros", a.integer("complete").orElseThrow() + a.integer("incomplete").orElseThrow()
                + a.integer("downloaded").orElseThrow(), is(0L));
        BDict b = (BDict) files.entries().get(BString.of(HexFormat.of().parseHex("bb".repeat(20))));
        assertThat("complete", b.integer("complete").orElseThrow(), is(1L));
        assertThat("incomplete includes the partial seed", b.integer("incomplete").orElseThrow(), is(2L));
        assertThat("downloaders excludes it (BEP 21)", b.integer("downloaders").orElseThrow(), is(1L));
        assertThat("downloaded", b.integer("downloaded").orElseThrow(), is(1L));
        assertThat("min_request_interval flag", d.dict("flags").orElseThrow().integer("min_request_interval")
                .orElseThrow(), is(300L));
    }

    @Test
    void scrape_closedTrackerReportsZerosForUnpublished_fullScrapeOnlyWhenEnabled() {
        InfoHash b = InfoHash.fromHex("bb".repeat(20));
        Tracker closed = tracker(config().build(), b::equals, ZERO);
        closed.announce(announceQuery(HASH_B, 1, ""), "192.0.2.1", n -> null);
        BDict full = decode(closed.scrape(null));
        assertThat("full scrape refused", full.string("failure reason").orElseThrow().utf8(),
                containsString("full scrape"));
        Tracker fullTracker = tracker(config().set(Settings.FULL_SCRAPE, true).build(), b::equals, ZERO);
        fullTracker.announce(announceQuery(HASH_B, 1, ""), "192.0.2.1", n -> null);
        BDict all = decode(fullTracker.scrape(""));
        assertThat("one published swarm", all.dict("files").orElseThrow().entries().size(), is(1));
    }

    @Test
    void expiry_throughTheTrackerFollowsItsClock() {
        Tracker t = open();
        t.announce(announceQuery(HASH_A, 1, ""), "192.0.2.1", n -> null);
        clock.advance(Duration.ofMinutes(44));
        t.announce(announceQuery(HASH_A, 2, ""), "192.0.2.2", n -> null);
        BDict before = decode(t.scrape("info_hash=" + HASH_A));
        assertThat("both alive at 44 min", ((BDict) before.dict("files").orElseThrow().entries().values()
                .iterator().next()).integer("incomplete").orElseThrow(), is(2L));
        clock.advance(Duration.ofMinutes(2));
        BDict after = decode(t.scrape("info_hash=" + HASH_A));
        assertThat("peer 1 expired at 46 min", ((BDict) after.dict("files").orElseThrow().entries().values()
                .iterator().next()).integer("incomplete").orElseThrow(), is(1L));
        clock.advance(Duration.ofHours(1));
        t.scrape("info_hash=" + HASH_A); // the periodic sweep runs on a request thread
        assertThat("empty swarm dropped", t.totals().swarms(), is(0));
    }
}
