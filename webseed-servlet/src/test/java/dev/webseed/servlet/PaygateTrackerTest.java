package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.bencode.BDict;
import dev.webseed.bencode.BString;
import dev.webseed.bencode.BencodeReader;
import dev.webseed.metainfo.InfoHash;

/**
 * The tracker behind the paygate (T3, T9, docs/protocol.md "Scrape"): a protected swarm
 * answers only announces with a token that opens it; refusals are HTTP 200 with a bencoded
 * failure reason and a short interval; a refused peer never appears in anyone's peer list.
 */
@ExtendWith(WorkDirExtension.class)
final class PaygateTrackerTest {
    WorkDir workDir;
    PaygateFixture origin;
    InfoHash film;

    @BeforeEach
    void start() throws Exception {
        origin = new PaygateFixture(workDir.getEmptyPathDir(), Map.of());
        film = origin.published("paid/film.bin");
    }

    @AfterEach
    void stop() throws Exception {
        origin.close();
    }

    static String escaped(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append('%').append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    static String peerId(int n) {
        return "-XX0000-" + String.format("%012d", n);
    }

    String announce(InfoHash hash, int port, String token) {
        return "/announce?info_hash=" + escaped(hash.bytes()) + "&peer_id=" + peerId(port) + "&port=" + port
                + "&uploaded=0&downloaded=0&left=1000&compact=1&event=started"
                + (token == null ? "" : "&token=" + token);
    }

    BDict bencoded(String target) throws Exception {
        HttpTester.Response response = origin.get(target);
        assertThat("always HTTP 200 (T2)\n" + response, response.getStatus(), is(200));
        return (BDict) BencodeReader.decode(response.getContentBytes());
    }

    /** Ports of the compact IPv4 peers (BEP 23). */
    static List<Integer> ports(BDict announce) {
        byte[] peers = announce.string("peers").orElseThrow().bytes();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i + 6 <= peers.length; i += 6) {
            ports.add((peers[i + 4] & 0xff) << 8 | (peers[i + 5] & 0xff));
        }
        return ports;
    }

    void refusedWith(BDict answer, String reason) {
        assertThat(answer.toString(), answer.string("failure reason").map(BString::utf8).orElse(""),
                containsString(reason));
        assertThat("short interval so a paying client comes back soon (T3)", answer.integer("interval").orElseThrow(),
                is(60L));
        assertThat(answer.integer("min interval").orElseThrow(), is(60L));
        assertThat("no peers in a refusal", answer.get("peers").isPresent(), is(false));
    }

    @Test
    void anAnnounceWithoutATokenIsRefused() throws Exception {
        refusedWith(bencoded(announce(film, 7001, null)), "a token is required");
    }

    @Test
    void forgedExpiredOrForeignTokensAreRefused() throws Exception {
        String token = origin.token("paid/");
        int sig = token.lastIndexOf('.') + 1;
        String forged = token.substring(0, sig) + (token.charAt(sig) == 'A' ? 'B' : 'A') + token.substring(sig + 1);
        refusedWith(bencoded(announce(film, 7001, forged)), "token signature is invalid");
        refusedWith(bencoded(announce(film, 7001, origin.token("other/"))), "does not cover");
        String shortLived = origin.issuer.token().subject("x").scope(dev.webseed.paygate.Scope.path("paid/"))
                .ttl(java.time.Duration.ofMinutes(1)).issue().token();
        origin.clock.advance(java.time.Duration.ofMinutes(10));
        refusedWith(bencoded(announce(film, 7001, shortLived)), "token expired");
    }

    @Test
    void onlyPeersWithValidTokensAreEverListed() throws Exception {
        String alice = origin.token("paid/");
        String bob = origin.token(film.hex());
        BDict first = bencoded(announce(film, 7001, alice));
        assertThat(first.toString(), first.string("failure reason").isPresent(), is(false));
        refusedWith(bencoded(announce(film, 7666, null)), "a token is required");
        refusedWith(bencoded(announce(film, 7667, "x.y.z")), "token");
        BDict second = bencoded(announce(film, 7002, bob));
        assertThat("bob sees alice", ports(second), hasItem(7001));
        assertThat("never the refused peers", ports(second), not(hasItem(7666)));
        assertThat(ports(second), not(hasItem(7667)));
        assertThat("counts hold only admitted peers", second.integer("incomplete").orElseThrow(), is(2L));
    }

    @Test
    void aScrapeWithoutATokenEchoesTheHashWithZeros() throws Exception {
        String alice = origin.token("paid/");
        bencoded(announce(film, 7001, alice));
        String scrape = "/scrape?info_hash=" + escaped(film.bytes());
        BDict anonymous = filesEntry(bencoded(scrape), film);
        assertThat("echoed, libtorrent needs every hash (BEP 48)", anonymous == null, is(false));
        assertThat("with zeros", anonymous.integer("incomplete").orElseThrow(), is(0L));
        BDict paid = filesEntry(bencoded(scrape + "&token=" + alice), film);
        assertThat("a token holder sees the swarm", paid.integer("incomplete").orElseThrow(), is(1L));
    }

    /**
     * Paid or free is decided from the configuration and the path, never from what is in memory:
     * after a restart, before anyone fetched the torrent again, the swarm is as paid as before.
     */
    @Test
    void afterARestartABuyersAnnounceIsServedBeforeAnyoneFetchesTheTorrent() throws Exception {
        origin.restart();
        BDict answer = bencoded(announce(film, 7001, origin.token("paid/")));
        assertThat("not unregistered: " + answer, answer.string("failure reason").isPresent(), is(false));
        BDict hashBuyer = bencoded(announce(film, 7002, origin.token(film.hex())));
        assertThat("an info-hash token too: " + hashBuyer, ports(hashBuyer), hasItem(7001));
    }

    @Test
    void withAnOpenTrackerAPaidSwarmStaysPaidAfterARestart() throws Exception {
        origin.close();
        origin = new PaygateFixture(workDir.getEmptyPathDir().resolve("open"), Map.of("trackerOpen", "true"));
        film = origin.published("paid/film.bin");
        origin.restart();
        refusedWith(bencoded(announce(film, 7666, null)), "a token is required");
        BDict buyer = bencoded(announce(film, 7001, origin.token("paid/")));
        assertThat(buyer.toString(), buyer.string("failure reason").isPresent(), is(false));
        assertThat("the anonymous peer never joined", ports(buyer), not(hasItem(7666)));
        BDict scrape = filesEntry(bencoded("/scrape?info_hash=" + escaped(film.bytes())), film);
        assertThat("an anonymous scrape sees zeros", scrape.integer("incomplete").orElseThrow(), is(0L));
    }

    @Test
    void aFreeSwarmNeedsNoToken() throws Exception {
        InfoHash free = origin.published("free.bin");
        BDict answer = bencoded(announce(free, 7001, null));
        assertThat(answer.toString(), answer.string("failure reason").isPresent(), is(false));
    }

    @Test
    void aTokenWithItsByteBudgetUsedUpStillGetsPeers() throws Exception {
        var issued = origin.issuer.token().subject("x").scope(dev.webseed.paygate.Scope.path("paid/"))
                .ttl(java.time.Duration.ofHours(1)).budget(10).issue();
        origin.webseed.paygate().budgets().orElseThrow().charge(issued.claims(), 10);
        BDict answer = bencoded(announce(film, 7001, issued.token()));
        assertThat("the budget limits the origin, not the swarm: " + answer,
                answer.string("failure reason").isPresent(), is(false));
    }

    @Test
    void aLongTokenFitsTheAnnounceQuery() throws Exception {
        var builder = origin.issuer.token().subject("x").ttl(java.time.Duration.ofHours(1));
        for (int i = 0; i < 15; i++) {
            builder.scope(dev.webseed.paygate.Scope.path("other" + i + "/season/episode"));
        }
        String token = builder.scope(dev.webseed.paygate.Scope.path("paid/")).issue().token();
        assertThat("longer than other query values may be", token.length() > 256, is(true));
        BDict answer = bencoded(announce(film, 7001, token));
        assertThat(answer.toString(), answer.string("failure reason").isPresent(), is(false));
    }

    static BDict filesEntry(BDict scrape, InfoHash hash) {
        BDict files = scrape.dict("files").orElseThrow();
        return files.entries().entrySet().stream()
                .filter(e -> java.util.Arrays.equals(e.getKey().bytes(), hash.bytes()))
                .map(e -> (BDict) e.getValue()).findFirst().orElse(null);
    }
}
