package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.webseed.Webseed;
import dev.webseed.bencode.BDict;
import dev.webseed.bencode.BencodeReader;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;

/** The tracker servlet in memory (Jetty LocalConnector): every answer is HTTP 200 bencode. */
final class TrackerServletTest {
    static final String HASH = "%aa".repeat(20);
    static final String PEER = "-XX0000-%00%01%02%03%04%05%06%07%08%09%0a%0b";
    static final String GOOD = "info_hash=" + HASH + "&peer_id=" + PEER + "&port=6881&uploaded=0&downloaded=0&left=5";

    @TempDir
    Path contentRoot;
    private Server server;
    private LocalConnector connector;
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private void start(Map<String, String> params) throws Exception {
        start(params, null);
    }

    private void start(Map<String, String> params, Webseed ready) throws Exception {
        Logger.getLogger("").addHandler(capture);
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setInitParameter("contentRoot", Files.createDirectories(contentRoot).toString());
        params.forEach(context::setInitParameter);
        if (ready != null) {
            context.setAttribute(Webseed.ATTRIBUTE, ready); // the listener then leaves it alone
        }
        context.addEventListener(new WebseedListener());
        context.addServlet(TrackerServlet.class, "/announce");
        context.addServlet(TrackerServlet.class, "/scrape");
        server.setHandler(context);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        Logger.getLogger("").removeHandler(capture);
        if (server != null) {
            server.stop();
        }
    }

    private HttpTester.Response get(String target) throws Exception {
        String raw = "GET " + target + " HTTP/1.1\r\nHost: tracker\r\nConnection: close\r\n\r\n";
        return HttpTester.parseResponse(connector.getResponse(raw));
    }

    /** HTTP 200, text/plain, exact Content-Length, a bencoded dictionary. */
    private static BDict bencoded(String what, HttpTester.Response response) {
        assertThat(what + ": " + response, response.getStatus(), is(200));
        assertThat(what, response.get("Content-Type"), startsWith("text/plain"));
        byte[] body = response.getContentBytes();
        assertThat(what, response.get("Content-Length"), is(Integer.toString(body.length)));
        return (BDict) BencodeReader.decode(body);
    }

    static Stream<Arguments> malformed() {
        String hash19 = "%aa".repeat(19);
        return Stream.of(
                Arguments.of("no query at all", "/announce", "missing info_hash"),
                Arguments.of("missing info_hash", "/announce?peer_id=" + PEER + "&port=1", "missing info_hash"),
                Arguments.of("short info_hash (19 bytes)", "/announce?" + GOOD.replace(HASH, hash19), "20 bytes"),
                Arguments.of("long info_hash (21 bytes)", "/announce?" + GOOD.replace(HASH, HASH + "%00"), "20 bytes"),
                Arguments.of("info_hash truncated escape", "/announce?" + GOOD.replace(HASH, hash19 + "%a"),
                        "truncated"),
                Arguments.of("info_hash bad escape", "/announce?" + GOOD.replace(HASH, hash19 + "%zz"), "%-escape"),
                Arguments.of("missing peer_id", "/announce?info_hash=" + HASH + "&port=1", "missing peer_id"),
                Arguments.of("short peer_id", "/announce?" + GOOD.replace(PEER, "abc"), "peer_id must be 20"),
                Arguments.of("missing port", "/announce?" + GOOD.replace("&port=6881", ""), "missing port"),
                Arguments.of("port 0", "/announce?" + GOOD.replace("port=6881", "port=0"), "invalid port"),
                Arguments.of("port 70000", "/announce?" + GOOD.replace("port=6881", "port=70000"), "invalid port"),
                Arguments.of("port not a number", "/announce?" + GOOD.replace("port=6881", "port=http"),
                        "invalid port"),
                Arguments.of("negative port", "/announce?" + GOOD.replace("port=6881", "port=-1"), "invalid port"),
                Arguments.of("negative left", "/announce?" + GOOD.replace("left=5", "left=-1"), "invalid left"),
                Arguments.of("negative uploaded", "/announce?" + GOOD.replace("uploaded=0", "uploaded=-5"),
                        "invalid uploaded"),
                Arguments.of("exponent downloaded", "/announce?" + GOOD.replace("downloaded=0", "downloaded=1e5"),
                        "invalid downloaded"),
                Arguments.of("20-digit left", "/announce?" + GOOD.replace("left=5", "left=99999999999999999999"),
                        "invalid left"),
                Arguments.of("huge numwant", "/announce?" + GOOD + "&numwant=99999999999", "invalid numwant"),
                Arguments.of("negative numwant", "/announce?" + GOOD + "&numwant=-1", "invalid numwant"),
                Arguments.of("repeated info_hash", "/announce?" + GOOD + "&info_hash=" + HASH, "repeated"),
                Arguments.of("repeated port", "/announce?" + GOOD + "&port=1", "repeated"),
                Arguments.of("junk event bytes", "/announce?" + GOOD + "&event=%ff%fe%00", "invalid event"),
                Arguments.of("unknown event", "/announce?" + GOOD + "&event=finished", "invalid event"),
                Arguments.of("only separators", "/announce?&&&=&=", "missing info_hash"),
                Arguments.of("only percents", "/announce?%%%%", "%-escape"),
                Arguments.of("query too long", "/announce?" + GOOD + "&x=" + "a".repeat(5000), "too long"),
                Arguments.of("too many parameters", "/announce?" + GOOD + "&x=1".repeat(40), "too many"),
                Arguments.of("value too long", "/announce?" + GOOD + "&key=" + "%41".repeat(300), "too long"),
                Arguments.of("scrape short hash", "/scrape?info_hash=" + hash19, "20 bytes"),
                Arguments.of("scrape truncated escape", "/scrape?info_hash=" + hash19 + "%", "truncated"),
                Arguments.of("scrape too many hashes", "/scrape?" + ("info_hash=" + HASH + "&").repeat(65),
                        "too many"),
                Arguments.of("scrape 64 hashes + 1 long", "/scrape?" + ("info_hash=" + HASH + "&").repeat(64)
                        + "x=" + "a".repeat(300), "too long"),
                Arguments.of("full scrape refused", "/scrape", "full scrape"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformed_isHttp200WithAFailureReason(String what, String target, String reason) throws Exception {
        start(Map.of("trackerOpen", "true"));
        BDict d = bencoded(what, get(target));
        assertThat(what, d.string("failure reason").orElseThrow().utf8(), containsString(reason));
        assertThat(what + ": refusal interval", d.integer("interval").orElseThrow(), is(60L));
        assertThat(what + ": min interval", d.integer("min interval").orElseThrow(), is(60L));
        assertThat(what + ": nothing logged at WARNING or above", warnings, is(empty()));
    }

    @Test
    void unpublishedHash_isRefusedByDefault() throws Exception {
        start(Map.of());
        BDict d = bencoded("closed tracker", get("/announce?" + GOOD));
        assertThat("reason", d.string("failure reason").orElseThrow().utf8(), containsString("unregistered"));
    }

    @Test
    void announceThenScrape_sameServletBothPaths() throws Exception {
        start(Map.of("trackerOpen", "true"));
        BDict first = bencoded("announce", get("/announce?" + GOOD + "&event=started&compact=1"));
        assertThat("counted", first.integer("incomplete").orElseThrow(), is(1L));
        assertThat("loopback external ip", first.string("external ip").orElseThrow().length(), is(4));
        BDict scrape = bencoded("scrape", get("/scrape?info_hash=" + HASH));
        assertThat("scrape sees the peer", scrape.dict("files").orElseThrow().entries().size(), is(1));
        assertThat("nothing logged", warnings, is(empty()));
    }

    @Test
    void unexpectedFailure_isA200FailureReason_loggedOncePerMinuteNotPerRequest() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                if (broken.get()) {
                    throw new IllegalStateException("clock broke (test)");
                }
                return Instant.EPOCH;
            }
        };
        Webseed webseed = Webseed.start(WebseedConfig.builder().set(Settings.CONTENT_ROOT, contentRoot)
                .set(Settings.TRACKER_OPEN, true).build(), clock);
        try {
            start(Map.of(), webseed);
            broken.set(true);
            for (int i = 0; i < 3; i++) {
                BDict d = bencoded("broken clock", get("/announce?" + GOOD));
                assertThat("generic reason, no stack trace", d.string("failure reason").orElseThrow().utf8(),
                        is("internal tracker error"));
                assertThat("refusal interval", d.integer("interval").orElseThrow(), is(60L));
            }
            assertThat("one WARNING for three failures", warnings.size(), is(1));
        } finally {
            broken.set(false);
            webseed.close();
        }
    }

    @Test
    void disabledTracker_saysSoIn200() throws Exception {
        start(Map.of("trackerEnabled", "false"));
        BDict d = bencoded("disabled", get("/announce?" + GOOD));
        assertThat("reason", d.string("failure reason").orElseThrow().utf8(), containsString("no tracker"));
    }
}
