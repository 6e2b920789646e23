package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.webseed.Webseed;
import dev.webseed.bencode.BDict;
import dev.webseed.bencode.BList;
import dev.webseed.bencode.BString;
import dev.webseed.bencode.BencodeReader;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.publish.Publication;
import dev.webseed.testing.HeldExecutor;
import dev.webseed.testing.SteppingClock;

@ExtendWith(WorkDirExtension.class)
final class TorrentServletTest {
    WorkDir workDir;
    Path root;
    Server server;
    LocalConnector connector;
    Webseed held;
    Webseed webseed;

    @BeforeEach
    void content() throws IOException {
        root = workDir.getEmptyPathDir().resolve("root");
        write(root.resolve("film.bin"), 100_000, 1);
        write(root.resolve("Season 1/ep 1+.bin"), 40_000, 2);
        write(root.resolve("Season 1/extras/Grüße Welt+1.bin"), 30_000, 3);
        write(root.resolve("bad#name.bin"), 10, 4);
        write(root.resolve(".hidden.bin"), 10, 5);
        Files.createDirectories(root.resolve("empty"));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (held != null) {
            held.close();
        }
    }

    /** A context with WebseedListener + context params (or a pre-built Webseed), TorrentServlet at /torrent/*. */
    void start(Map<String, String> params, Webseed prebuilt) throws Exception {
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/ctx");
        context.setInitParameter("contentRoot", root.toString());
        context.setInitParameter("prehash", "false");
        context.setInitParameter("hashThreads", "2");
        params.forEach(context::setInitParameter);
        if (prebuilt != null) {
            context.setAttribute(Webseed.ATTRIBUTE, prebuilt);
        }
        context.addEventListener(new WebseedListener());
        context.addServlet(TorrentServlet.class, "/torrent/*");
        server.setHandler(context);
        server.start();
        webseed = (Webseed) context.getServletContext().getAttribute(Webseed.ATTRIBUTE);
    }

    void start(Map<String, String> params) throws Exception {
        start(params, null);
    }

    HttpTester.Response get(String target) throws Exception {
        return request("GET", target, "");
    }

    HttpTester.Response request(String method, String target, String headers) throws Exception {
        String raw = method + " " + target + " HTTP/1.1\r\nHost: films.test:8080\r\n" + headers
                + "Connection: close\r\n\r\n";
        return HttpTester.parseResponse(connector.getResponse(raw, 30, TimeUnit.SECONDS));
    }

    /** Publishes and waits (the listener's Webseed hashes on its own background thread). */
    void published(String path) throws Exception {
        Publication p = webseed.publisher().await(path).get(60, TimeUnit.SECONDS);
        assertThat(path, p instanceof Publication.Ready, is(true));
    }

    static BDict torrent(HttpTester.Response response) {
        assertThat(response.toString(), response.getStatus(), is(200));
        assertThat("type", response.get("Content-Type"), is("application/x-bittorrent"));
        assertThat("length", response.get("Content-Length"), is(Integer.toString(response.getContentBytes().length)));
        return (BDict) BencodeReader.decode(response.getContentBytes());
    }

    static String urlList(BDict torrent) {
        BList list = torrent.list("url-list").orElseThrow();
        assertThat("one webseed", list.values().size(), is(1));
        return ((BString) list.values().get(0)).utf8();
    }

    static InfoHash infoHash(HttpTester.Response response) {
        return InfoHash.ofInfo(BencodeReader.rawValue(response.getContentBytes(), "info"));
    }

    @Test
    void aSingleFileTorrentPointsAtTheFullFileUrl() throws Exception {
        start(Map.of());
        published("film.bin");
        HttpTester.Response response = get("/ctx/torrent/film.bin.torrent");
        BDict torrent = torrent(response);
        assertThat("url-list: full file URL (W10)", urlList(torrent), is("http://films.test:8080/ctx/seed/film.bin"));
        assertThat("announce", torrent.string("announce").orElseThrow().utf8(),
                is("http://films.test:8080/ctx/announce"));
        assertThat("attachment", response.get("Content-Disposition"),
                is("attachment; filename=\"film.bin.torrent\"; filename*=UTF-8''film.bin.torrent"));
        InfoHash hash = infoHash(response);
        assertThat("the published info-hash", webseed.publisher().pathsOf(hash).isEmpty(), is(false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // request path (raw)                       | url-list
            "Season%201/ep%201%2B.bin.torrent           | http://films.test:8080/ctx/seed/Season%201/ep%201%2B.bin",
            "Season%201/ep%201%2b.bin.torrent           | http://films.test:8080/ctx/seed/Season%201/ep%201%2B.bin",
            "Season%201/ep%201+.bin.torrent             | http://films.test:8080/ctx/seed/Season%201/ep%201%2B.bin",
            "Season%201.torrent                         | http://films.test:8080/ctx/seed/",
            // extras/ holds one file: its own URL, which WebTorrent requests as is (W10)
            "Season%201/extras.torrent                  | http://films.test:8080/ctx/seed/Season%201/extras/",
            "Season%201/extras/Gr%C3%BC%C3%9Fe%20Welt%2B1.bin.torrent"
                    + " | http://films.test:8080/ctx/seed/Season%201/extras/Gr%C3%BC%C3%9Fe%20Welt%2B1.bin",
    })
    void nestedFilesAndFoldersGetTheirWebseedUrls(String raw, String url) throws Exception {
        start(Map.of());
        String path = java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8)
                .replaceAll("\\.torrent$", "");
        published(path);
        BDict torrent = torrent(get("/ctx/torrent/" + raw));
        assertThat(raw, urlList(torrent), is(url));
        boolean folder = torrent.dict("info").orElseThrow().get("files").isPresent();
        assertThat("multi-file base ends in / (BEP 19)", url.endsWith("/"), is(folder));
    }

    @Test
    void publicUrlAndTrackerSettingsShapeTheTorrent() throws Exception {
        start(Map.of("publicUrl", "https://cdn.example.com/films", "trackerEnabled", "false"));
        published("film.bin");
        BDict torrent = torrent(get("/ctx/torrent/film.bin.torrent"));
        assertThat("from publicUrl", urlList(torrent), is("https://cdn.example.com/films/seed/film.bin"));
        assertThat("no tracker, no announce", torrent.get("announce").isPresent(), is(false));
    }

    @Test
    void theMagnetLinkIsFullyEncoded() throws Exception {
        start(Map.of());
        published("Season 1/ep 1+.bin");
        InfoHash hash = infoHash(get("/ctx/torrent/Season%201/ep%201%2B.bin.torrent"));
        HttpTester.Response response = get("/ctx/torrent/Season%201/ep%201%2B.bin.magnet");
        assertThat(response.toString(), response.getStatus(), is(200));
        assertThat("type", response.get("Content-Type"), is("text/plain;charset=utf-8"));
        assertThat("magnet", response.getContent(), is("magnet:?xt=urn:btih:" + hash.hex()
                + "&dn=ep%201%2B.bin"
                + "&tr=http%3A%2F%2Ffilms.test%3A8080%2Fctx%2Fannounce"
                + "&ws=http%3A%2F%2Ffilms.test%3A8080%2Fctx%2Fseed%2FSeason%25201%2Fep%25201%252B.bin"
                + "&xs=http%3A%2F%2Ffilms.test%3A8080%2Fctx%2Ftorrent%2FSeason%25201%2Fep%25201%252B.bin.torrent"));
    }

    // Jetty itself answers 400 to '//', '%ZZ' and invalid UTF-8 before any servlet runs (UriCompliance);
    // TorrentRequestPathTest covers our own decoding of those for containers that let them through
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/ctx/torrent/missing.bin.torrent,        404, no file or folder",
            "/ctx/torrent/.hidden.bin.torrent,        404, no file or folder",
            "/ctx/torrent/.webseed.torrent,           404, no file or folder",
            "/ctx/torrent/.torrent,                   404, no file or folder",
            "/ctx/torrent/film.bin,                   404, ask for",
            "/ctx/torrent/film.bin.torrent.txt,       404, ask for",
            "/ctx/torrent/bad%23name.bin.torrent,     422, '#'",
            "/ctx/torrent/empty.torrent,              422, no files",
            "/ctx/torrent/empty.magnet,               422, no files",
    })
    void errorsArePlainTextWithAPreciseStatus(String target, int status, String words) throws Exception {
        start(Map.of());
        webseed.publisher().await("bad#name.bin").get(60, TimeUnit.SECONDS);
        webseed.publisher().await("empty").get(60, TimeUnit.SECONDS);
        HttpTester.Response response = get(target);
        assertThat(target, response.getStatus(), is(status));
        assertThat("plain text", response.get("Content-Type"), is("text/plain;charset=utf-8"));
        assertThat("says why", response.getContent(), containsString(words));
        assertThat("CORS on errors too", response.get("Access-Control-Allow-Origin"), is("*"));
    }

    @Test
    void aPathLongerThanMaxPathBytesIs414() throws Exception {
        start(Map.of("maxPathBytes", "64"));
        HttpTester.Response response = get("/ctx/torrent/" + "a".repeat(65) + ".torrent");
        assertThat(response.toString(), response.getStatus(), is(414));
        assertThat("plain text", response.getContent(), containsString("maxPathBytes"));
    }

    @Test
    void whileHashingTheAnswerIs503WithProgressThenTheTorrent() throws Exception {
        HeldExecutor runs = new HeldExecutor();
        WebseedConfig config = WebseedConfig.builder().set(Settings.CONTENT_ROOT, root).set(Settings.PREHASH, false)
                .set(Settings.TORRENT_WAIT, java.time.Duration.ZERO).build(); // runs released by hand: no waiting
        SteppingClock clock = new SteppingClock(Instant.parse("2026-11-22T00:00:00Z"));
        held = Webseed.start(config, clock, runs);
        start(Map.of(), held);
        HttpTester.Response hashing = get("/ctx/torrent/film.bin.torrent");
        assertThat(hashing.toString(), hashing.getStatus(), is(503));
        assertThat("Retry-After", Integer.parseInt(hashing.get("Retry-After")) > 0, is(true));
        assertThat("progress", hashing.getContent(), startsWith("503 hashing film.bin: queued; try again in "));
        assertThat("magnet waits too", get("/ctx/torrent/film.bin.magnet").getStatus(), is(503));
        runs.runAll();
        InfoHash first = infoHash(get("/ctx/torrent/film.bin.torrent"));

        // the file changes: the old info-hash is never handed out again
        write(root.resolve("film.bin"), 100_000, 77);
        Files.setLastModifiedTime(root.resolve("film.bin"), FileTime.fromMillis(3_000_000));
        clock.advance(Duration.ofSeconds(2));
        HttpTester.Response rehashing = get("/ctx/torrent/film.bin.torrent");
        assertThat("re-hashing", rehashing.getStatus(), is(503));
        assertThat("old hash withdrawn", held.publisher().pathsOf(first).isEmpty(), is(true));
        runs.runAll();
        InfoHash second = infoHash(get("/ctx/torrent/film.bin.torrent"));
        assertThat("new info-hash", second, not(first));
        assertThat("new one published", held.publisher().pathsOf(second).isEmpty(), is(false));
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        start(Map.of());
        published("film.bin");
        HttpTester.Response get = get("/ctx/torrent/film.bin.torrent");
        HttpTester.Response head = request("HEAD", "/ctx/torrent/film.bin.torrent", "");
        assertThat("status", head.getStatus(), is(200));
        assertThat("same length", head.get("Content-Length"), is(get.get("Content-Length")));
        assertThat("no body", head.getContentBytes() == null || head.getContentBytes().length == 0, is(true));
        assertThat("404 too", request("HEAD", "/ctx/torrent/nothing.torrent", "").getStatus(), is(404));
    }

    @Test
    void corsPreflightAndOtherMethods() throws Exception {
        start(Map.of());
        HttpTester.Response preflight = request("OPTIONS", "/ctx/torrent/film.bin.torrent",
                "Origin: https://app.example\r\nAccess-Control-Request-Method: GET\r\n"
                        + "Access-Control-Request-Headers: cache-control, user-agent\r\n");
        assertThat("204", preflight.getStatus(), is(204));
        assertThat("origin", preflight.get("Access-Control-Allow-Origin"), is("*"));
        assertThat("methods", preflight.get("Access-Control-Allow-Methods"), is("GET, HEAD, OPTIONS"));
        assertThat("headers echoed", preflight.get("Access-Control-Allow-Headers"), is("cache-control, user-agent"));
        assertThat("max age", preflight.get("Access-Control-Max-Age"), is("600"));
        HttpTester.Response post = request("POST", "/ctx/torrent/film.bin.torrent", "Content-Length: 0\r\n");
        assertThat("405", post.getStatus(), is(405));
        assertThat("allow", post.get("Allow"), is("GET, HEAD, OPTIONS"));
    }

    @Test
    void emptyCorsAllowOriginSwitchesCorsOff() throws Exception {
        start(Map.of("corsAllowOrigin", ""));
        HttpTester.Response response = get("/ctx/torrent/missing.torrent");
        assertThat("404", response.getStatus(), is(404));
        assertThat("no ACAO", response.get("Access-Control-Allow-Origin"), nullValue());
    }

    @Test
    void withoutPublicUrlTheBaseComesFromTheRequest() throws Exception {
        start(Map.of());
        published("film.bin");
        String raw = "GET /ctx/torrent/film.bin.torrent HTTP/1.1\r\nHost: bad host!\r\nConnection: close\r\n\r\n";
        HttpTester.Response response = HttpTester.parseResponse(connector.getResponse(raw, 30, TimeUnit.SECONDS));
        if (response.getStatus() == 200) {
            assertThat("a malformed Host is not copied into URLs", urlList(torrent(response)),
                    not(containsString("bad host")));
        } else {
            assertThat("or the container refuses it", response.getStatus(), is(400));
        }
        List<String> list = List.of(urlList(torrent(get("/ctx/torrent/film.bin.torrent"))));
        assertThat("Host header with port", list, is(List.of("http://films.test:8080/ctx/seed/film.bin")));
    }

    static void write(Path file, int length, int seed) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
    }
}
