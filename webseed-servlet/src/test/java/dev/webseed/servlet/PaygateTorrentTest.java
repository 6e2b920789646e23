package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.Arrays;
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
import dev.webseed.bencode.BList;
import dev.webseed.bencode.BString;
import dev.webseed.bencode.BencodeReader;
import dev.webseed.metainfo.InfoHash;

/** Personal torrents: the token in url-list and announce, one info dictionary for every buyer. */
@ExtendWith(WorkDirExtension.class)
final class PaygateTorrentTest {
    static final String BASE = "http://127.0.0.1:8080/";
    WorkDir workDir;
    PaygateFixture origin;

    @BeforeEach
    void start() throws Exception {
        origin = new PaygateFixture(workDir.getEmptyPathDir(), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        origin.close();
    }

    static BDict torrent(HttpTester.Response response) {
        assertThat(response.toString(), response.getStatus(), is(200));
        assertThat("type", response.get("Content-Type"), is("application/x-bittorrent"));
        return (BDict) BencodeReader.decode(response.getContentBytes());
    }

    static String urlList(BDict torrent) {
        BList list = torrent.list("url-list").orElseThrow();
        assertThat("one webseed", list.values().size(), is(1));
        return ((BString) list.values().get(0)).utf8();
    }

    static byte[] info(HttpTester.Response response) {
        return BencodeReader.rawValue(response.getContentBytes(), "info");
    }

    @Test
    void twoBuyersGetPersonalTorrentsOfOneSwarm() throws Exception {
        InfoHash published = origin.published("paid/film.bin");
        String alice = origin.token("paid/");
        String bob = origin.token(published.hex());
        HttpTester.Response a = origin.get("/torrent/t/" + alice + "/paid/film.bin.torrent");
        HttpTester.Response b = origin.get("/torrent/t/" + bob + "/paid/film.bin.torrent");
        BDict ta = torrent(a);
        BDict tb = torrent(b);
        assertThat("url-list: the full file URL with the token as a path segment (W10, W18)", urlList(ta),
                is(BASE + "seed/t/" + alice + "/paid/film.bin"));
        assertThat(urlList(tb), is(BASE + "seed/t/" + bob + "/paid/film.bin"));
        assertThat("announce: /announce with the token in the query (T6, T7)",
                ta.string("announce").orElseThrow().utf8(), is(BASE + "announce?token=" + alice));
        assertThat("the info dictionary is byte-identical for both buyers", Arrays.equals(info(a), info(b)),
                is(true));
        assertThat("so is the info-hash: one swarm", InfoHash.ofInfo(info(a)), is(InfoHash.ofInfo(info(b))));
        assertThat("the published one", InfoHash.ofInfo(info(a)), is(published));
        BDict infoDict = (BDict) BencodeReader.decode(info(a));
        assertThat("BEP 27 private flag", infoDict.integer("private").orElse(0L), is(1L));
        assertThat("no shared cache for a credential", a.get("Cache-Control"), containsString("no-store"));
    }

    @Test
    void aFolderTorrentCarriesABaseEndingInSlash() throws Exception {
        origin.published("paid/pack");
        String token = origin.token("paid/pack/");
        BDict torrent = torrent(origin.get("/torrent/t/" + token + "/paid/pack.torrent"));
        assertThat("multi-file base ends in / (W10)", urlList(torrent), is(BASE + "seed/t/" + token + "/paid/"));
        // the client appends name/path: the token opens it
        HttpTester.Response range = origin.get("/seed/t/" + token + "/paid/pack/a.bin", "Range: bytes=0-9");
        assertThat(range.toString(), range.getStatus(), is(206));
    }

    @Test
    void withoutATokenAProtectedTorrentOrMagnetIs403WithAReason() throws Exception {
        origin.published("paid/film.bin");
        for (String target : new String[] {"/torrent/paid/film.bin.torrent", "/torrent/paid/film.bin.magnet",
                "/torrent/paid.torrent"}) {
            HttpTester.Response response = origin.get(target);
            assertThat(target + "\n" + response, response.getStatus(), is(403));
            assertThat(response.getContent(), containsString("a token is required"));
            assertThat("no torrent inside", response.getContent(), not(containsString("pieces")));
        }
    }

    @Test
    void aBadOrForeignTokenIs403BeforeAnythingIsHashed() throws Exception {
        String token = origin.token("paid/");
        int sig = token.lastIndexOf('.') + 1;
        String forged = token.substring(0, sig) + (token.charAt(sig) == 'A' ? 'B' : 'A') + token.substring(sig + 1);
        HttpTester.Response bad = origin.get("/torrent/t/" + forged + "/paid/film.bin.torrent");
        assertThat(bad.toString(), bad.getStatus(), is(403));
        assertThat(bad.getContent(), containsString("paygate: token"));
        assertThat("nothing was published for it", origin.webseed.publisher().publications().isEmpty(), is(true));
        origin.published("paid/film.bin");
        HttpTester.Response foreign = origin.get("/torrent/t/" + origin.token("other/") + "/paid/film.bin.torrent");
        assertThat(foreign.toString(), foreign.getStatus(), is(403));
        assertThat(foreign.getContent(), containsString("does not cover"));
    }

    /**
     * W10: WebTorrent treats a folder torrent holding one file as single-file and
     * requests the url-list entry itself; BEP 19 clients append name/path to it. Both get the file.
     */
    @Test
    void aOneFileFolderIsServedAtItsUrlListEntryAndBelowIt() throws Exception {
        byte[] only = new byte[50_000];
        new java.util.Random(3).nextBytes(only);
        java.nio.file.Files.createDirectories(origin.root.resolve("paid/solo"));
        java.nio.file.Files.write(origin.root.resolve("paid/solo/only.bin"), only);
        java.nio.file.Files.createDirectories(origin.root.resolve("solo"));
        java.nio.file.Files.write(origin.root.resolve("solo/only.bin"), only);
        origin.published("paid/solo");
        origin.published("solo");
        String token = origin.token("paid/");
        String paid = urlList(torrent(origin.get("/torrent/t/" + token + "/paid/solo.torrent")));
        String free = urlList(torrent(origin.get("/torrent/solo.torrent")));
        assertThat("the folder's own URL, not the shared parent", paid, is(BASE + "seed/t/" + token + "/paid/solo/"));
        assertThat(free, is(BASE + "seed/solo/"));
        // WebTorrent asks for the entry, aria2 and Transmission append name/path, libtorrent the name alone
        for (String url : new String[] {paid, paid + "solo/only.bin", paid + "solo", free, free + "solo/only.bin",
                free + "solo"}) {
            HttpTester.Response range = origin.get(url.substring(BASE.length() - 1), "Range: bytes=100-199");
            assertThat(url + "\n" + range, range.getStatus(), is(206));
            assertThat(url, range.getContentBytes(), is(Arrays.copyOfRange(only, 100, 200)));
        }
        assertThat("without a token the paid one stays shut", origin.get("/seed/paid/solo/").getStatus(), is(403));
        assertThat("a folder of two files names no one file", origin.get("/seed/t/" + token + "/paid/pack/").getStatus(),
                is(404));
    }

    /**
     * No existence oracle: a valid token that does not open a paid path (a path scope elsewhere, a
     * file scope beside it, the info-hash of another publication, an info-hash nobody published)
     * gets the same answer on every endpoint for a file that exists, a folder that exists and names
     * that do not, and starts no hashing.
     */
    @Test
    void aTokenThatOpensNothingHereGetsOneAnswerWhetherThePathExistsOrNot() throws Exception {
        InfoHash pack = origin.published("paid/pack");
        java.nio.file.Files.createDirectories(origin.root.resolve("paid/box"));
        java.nio.file.Files.write(origin.root.resolve("paid/box/1.bin"), new byte[10]);
        java.nio.file.Files.write(origin.root.resolve("paid/box/2.bin"), new byte[20]);
        for (String scope : new String[] {"free/", "free.bin", "other/", "paid/pack/a.bin", pack.hex(),
                "a".repeat(40)}) {
            String token = origin.token(scope);
            for (String form : new String[] {"/torrent/t/%s/%s.torrent", "/torrent/t/%s/%s.magnet", "/seed/t/%s/%s"}) {
                List<String> answers = new java.util.ArrayList<>();
                for (String path : new String[] {"paid/film.bin", "paid/box", "paid/missing.bin", "paid/no/such/dir"}) {
                    HttpTester.Response r = origin.get(String.format(form, token, path));
                    answers.add(r.getStatus() + " " + r.getContent().replace(path, "PATH"));
                }
                assertThat(scope + " " + form + ": " + answers, answers.stream().distinct().count(), is(1L));
                assertThat(answers.get(0), containsString("403"));
                assertThat(answers.get(0), containsString("does not cover"));
            }
        }
        assertThat("nothing was hashed or queued for the probes", origin.webseed.publisher().publications().keySet(),
                is(java.util.Set.of("paid/pack")));
    }

    @Test
    void anInfoHashTokenOpensItsTorrentAfterARestartWithNothingInMemory() throws Exception {
        InfoHash published = origin.published("paid/film.bin");
        origin.restart();
        HttpTester.Response response = origin.get("/torrent/t/" + origin.token(published.hex())
                + "/paid/film.bin.torrent");
        torrent(response);
        assertThat("the torrent of that hash", InfoHash.ofInfo(info(response)), is(published));
    }

    @Test
    void aPersonalMagnetCarriesTheTokenInWsTrAndXs() throws Exception {
        InfoHash hash = origin.published("paid/film.bin");
        String token = origin.token("paid/");
        HttpTester.Response response = origin.get("/torrent/t/" + token + "/paid/film.bin.magnet");
        assertThat(response.toString(), response.getStatus(), is(200));
        String magnet = response.getContent();
        assertThat(magnet, containsString("xt=urn:btih:" + hash.hex()));
        assertThat(magnet, containsString("ws=http%3A%2F%2F127.0.0.1%3A8080%2Fseed%2Ft%2F" + token));
        assertThat(magnet, containsString("tr=http%3A%2F%2F127.0.0.1%3A8080%2Fannounce%3Ftoken%3D" + token));
        assertThat(magnet, containsString("xs=http%3A%2F%2F127.0.0.1%3A8080%2Ftorrent%2Ft%2F" + token));
    }

    @Test
    void aTokenWithItsBudgetUsedUpStillGetsItsTorrent() throws Exception {
        origin.published("paid/film.bin");
        var issued = origin.issuer.token().subject("x").scope(dev.webseed.paygate.Scope.path("paid/"))
                .ttl(java.time.Duration.ofHours(1)).budget(10).issue();
        origin.webseed.paygate().budgets().orElseThrow().charge(issued.claims(), 10);
        torrent(origin.get("/torrent/t/" + issued.token() + "/paid/film.bin.torrent"));
        HttpTester.Response range = origin.get("/seed/t/" + issued.token() + "/paid/film.bin", "Range: bytes=0-9");
        assertThat("but the origin serves it no more bytes", range.getStatus(), is(403));
    }

    @Test
    void freeContentIsPublicAndATokenChangesNothing() throws Exception {
        origin.published("free.bin");
        HttpTester.Response plain = origin.get("/torrent/free.bin.torrent");
        HttpTester.Response withToken = origin.get("/torrent/t/" + origin.token("paid/") + "/free.bin.torrent");
        assertThat("not private", ((BDict) BencodeReader.decode(info(plain))).integer("private").isPresent(),
                is(false));
        assertThat(urlList(torrent(withToken)), is(BASE + "seed/free.bin"));
        assertThat(Arrays.equals(info(plain), info(withToken)), is(true));
    }
}
