package dev.webseed.jetty.interop;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.webseed.Webseed;
import dev.webseed.config.WebseedConfig;
import dev.webseed.jetty.WebseedServer;
import dev.webseed.testing.Downloads;
import dev.webseed.testing.HeadlessChromium;
import dev.webseed.testing.Interop;
import dev.webseed.testing.PrometheusParser;

/**
 * The operator view with real parts: aria2 downloads a published file (rate-limited, so it takes
 * a few seconds) from the embedded server while a headless Chromium loads {@code /status} and
 * {@code /}; the page must show what {@code /stats} says, {@code /stats} and {@code /metrics}
 * (read by the Prometheus reference parser) must agree, origin bytes must equal the content bytes
 * Jetty itself counted on the wire for {@code /seed/} responses, and the tracker's completed count
 * must have gone up. Screenshots go to {@code target/operator-view/}; with {@code
 * -Dwebseed.writeScreenshots=true} also to {@code docs/screenshots/} for the README.
 */
final class OperatorViewIT {
    private static final String NAME = "film.bin";
    private static final int SIZE = 24 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void statusAndStatsShowWhatAria2Downloaded() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(Files.createDirectories(dir.resolve("chromium")));
        Interop.require("aria2c", "apt-get install aria2");
        Path root = dir.resolve("content");
        Path source = Downloads.content(root.resolve(NAME), SIZE, 12);
        AtomicLong seedBytesOnTheWire = new AtomicLong();
        Server server = WebseedServer.createServer("127.0.0.1", 0,
                WebseedConfig.builder().parse("contentRoot", root.toString()).build());
        server.setRequestLog((request, response) -> {
            if (request.getHttpURI().getPath().startsWith("/seed/")) {
                seedBytesOnTheWire.addAndGet(Response.getContentBytesWritten(response));
            }
        });
        server.start();
        try {
            Webseed webseed = WebseedServer.webseed(server);
            webseed.publisher().whenIdle().get(120, TimeUnit.SECONDS);
            URI base = WebseedServer.publicUrl(server);
            Path torrent = Files.write(dir.resolve(NAME + ".torrent"),
                    Downloads.torrent(base.resolve("torrent/" + NAME + ".torrent"), Duration.ofSeconds(60)));
            // two rate-limited aria2 clients: they take pieces from the web seed and from each other
            CompletableFuture<Void> download = CompletableFuture.allOf(aria2(torrent, dir.resolve("download-1")),
                    aria2(torrent, dir.resolve("download-2")));

            // --- while aria2 downloads: the page shows numbers between the /stats before and after
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stats(base).path("totals").path("originBytes").asLong() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            JsonNode before = stats(base).path("totals");
            String during = chromium.dumpDom(base.resolve("status"), Duration.ofSeconds(3));
            JsonNode after = stats(base).path("totals");
            assertThat("the download was still running", download.isDone(), is(false));
            for (String counter : List.of("originBytes", "announces", "hashedBytes")) {
                long shown = Long.parseLong(field(during, "totals." + counter));
                assertThat(counter, shown, greaterThanOrEqualTo(before.path(counter).asLong()));
                assertThat(counter, shown, lessThanOrEqualTo(after.path(counter).asLong()));
            }
            assertThat("the page updated from /stats", Integer.parseInt(attribute(during, "data-updates")),
                    greaterThanOrEqualTo(1));
            String landing = chromium.dumpDom(base, Duration.ofSeconds(1));
            assertThat(landing, containsString("<a href=\"torrent/" + NAME + ".torrent\">.torrent</a>"));
            // the README's picture: real time, so the charts show the download's history
            chromium.liveScreenshot(base.resolve("status"), Duration.ofSeconds(7), screenshot("status.png"), 1280,
                    1150);

            download.get(180, TimeUnit.SECONDS);
            for (String client : List.of("download-1", "download-2")) {
                assertThat("byte-exact", Downloads.sha256(dir.resolve(client).resolve(NAME)),
                        is(Downloads.sha256(source)));
            }

            // --- after: /stats against what Jetty wrote, the tracker, /metrics and the page
            settle(webseed);
            JsonNode end = stats(base);
            JsonNode totals = end.path("totals");
            // The webseed counts a write once Jetty accepted it (JettyContentSender hands at most 4 MiB
            // per write); Jetty counts what it was handed. They agree to the byte unless a client cut a
            // response short (aria2 does once a peer delivered the piece): then the failed write is
            // Jetty's only.
            long origin = totals.path("originBytes").asLong();
            long aborted = totals.path("abortedResponses").asLong();
            String why = "origin " + origin + ", Jetty " + seedBytesOnTheWire.get() + ", aborted " + aborted;
            assertThat(why, origin, lessThanOrEqualTo(seedBytesOnTheWire.get()));
            assertThat(why, seedBytesOnTheWire.get() - origin, lessThanOrEqualTo(aborted * (4L << 20)));
            assertThat(totals.path("originBytes").asLong(), greaterThanOrEqualTo((long) SIZE));
            assertThat("both aria2 announced completed", totals.path("completed").asLong(), is(2L));
            JsonNode row = end.path("publications").path("items").get(0);
            assertThat(row.path("path").asText(), is(NAME));
            assertThat(row.path("completed").asLong(), is(2L));
            assertThat("one publication: its row is the total", row.path("originBytes").asLong(), is(origin));
            assertThat("each aria2 reports what it downloaded", row.path("swarmBytes").asLong(),
                    greaterThanOrEqualTo(2L * SIZE));
            assertThat(row.path("offloadRatio").asDouble(), is(Math.max(0, 1 - row.path("originBytes").asDouble()
                    / row.path("swarmBytes").asDouble())));

            Map<String, Double> metrics = PrometheusParser.parse(
                    new String(Downloads.get(base.resolve("metrics"), Map.of()).body(), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(metrics.get("webseed_origin_bytes_total{}"), is(totals.path("originBytes").asDouble()));
            assertThat(metrics.get("webseed_swarm_downloaded_bytes_total{}"), is(totals.path("swarmBytes").asDouble()));
            assertThat(metrics.get("webseed_completed_total{}"), is(2.0));
            JsonNode shaping = totals.path("shaping");
            assertThat("the scheduler saw every byte the webseed wrote (and whole spans of cut responses)",
                    shaping.path("firstCopyBytes").asLong() + shaping.path("repeatBytes").asLong(),
                    greaterThanOrEqualTo(origin));
            assertThat("every block went out at least once", shaping.path("firstCopyBytes").asLong(),
                    greaterThanOrEqualTo((long) SIZE));
            assertThat(metrics.get("webseed_origin_first_copy_bytes_total{}"), is(shaping.path("firstCopyBytes").asDouble()));
            assertThat(metrics.get("webseed_origin_repeat_bytes_total{}"), is(shaping.path("repeatBytes").asDouble()));
            assertThat(metrics.get("webseed_origin_paced_seconds_total{}"), is(shaping.path("pacedSeconds").asDouble()));
            String labels = "{info_hash=" + row.path("infoHash").asText() + ",publication=" + NAME + "}";
            assertThat(metrics.get("webseed_publication_origin_bytes_total" + labels),
                    is(row.path("originBytes").asDouble()));

            String page = chromium.dumpDom(base.resolve("status"), Duration.ofSeconds(3));
            for (String counter : List.of("originBytes", "swarmBytes", "completed", "seeders", "leechers",
                    "announces")) {
                assertThat(counter, field(page, "totals." + counter), is(totals.path(counter).asText()));
            }
            for (String counter : List.of("firstCopyBytes", "repeatBytes", "maxRateBytesPerSecond")) {
                assertThat(counter, field(page, "totals.shaping." + counter), is(shaping.path(counter).asText()));
            }
            assertThat(Double.parseDouble(field(page, "totals.shaping.pacedSeconds")),
                    is(shaping.path("pacedSeconds").asDouble()));
            // JavaScript writes the double 0 as "0", Jackson as "0.0": compare the numbers
            assertThat(Double.parseDouble(field(page, "totals.offloadRatio")), is(totals.path("offloadRatio").asDouble()));
            String pageRow = rowOf(page, NAME);
            assertThat(field(pageRow, "originBytes"), is(row.path("originBytes").asText()));
            assertThat(field(pageRow, "swarmBytes"), is(row.path("swarmBytes").asText()));
            assertThat(field(pageRow, "shaping.repeatBytes"), is(row.path("shaping").path("repeatBytes").asText()));
            chromium.screenshot(base.resolve("status"), Duration.ofSeconds(6), screenshot("status-after.png"), 1280,
                    1500);
            chromium.screenshot(base, Duration.ofSeconds(1), screenshot("landing.png"), 1000, 420);
            publishScreenshots();
            System.out.println("operator view: " + why + ", swarm reports " + totals.path("swarmBytes")
                    + " B, offload " + totals.path("offloadRatio") + "; screenshots in " + screenshot("status.png")
                    .getParent());
        } finally {
            server.stop();
        }
    }

    /** aria2 at 1 MiB/s, so the download lasts long enough to watch. */
    private static CompletableFuture<Void> aria2(Path torrent, Path out) {
        return CompletableFuture.runAsync(() -> {
            try {
                Downloads.aria2(torrent, out, Duration.ofSeconds(150), List.of("--max-download-limit=1M"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, task -> new Thread(task, "aria2 " + out.getFileName()).start()); // not the common pool: both at once
    }

    private static JsonNode stats(URI base) throws Exception {
        return JSON.readTree(Downloads.get(base.resolve("stats"), Map.of()).body());
    }

    /** Waits (bounded) until no webseed request is still being recorded. */
    private static void settle(Webseed webseed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (webseed.stats().inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** The exact value the page put on the element of a {@code data-field}. */
    private static String field(String dom, String name) {
        Matcher m = Pattern.compile("data-field=\"" + Pattern.quote(name) + "\"[^>]*?data-value=\"([^\"]*)\"")
                .matcher(dom);
        if (!m.find()) {
            throw new AssertionError("no data-field " + name + " with a value in the page:\n" + dom);
        }
        return m.group(1);
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in the page");
        }
        return m.group(1);
    }

    private static String rowOf(String dom, String path) {
        Matcher m = Pattern.compile("<tr data-path=\"" + Pattern.quote(path) + "\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(dom);
        if (!m.find()) {
            throw new AssertionError("no row for " + path + " in the page");
        }
        return m.group(1);
    }

    /** {@code target/operator-view/<name>}, copied to {@code docs/} by {@code -Dwebseed.writeScreenshots=true}. */
    private static Path screenshot(String name) {
        return Path.of("target", "operator-view", name);
    }

    /** With {@code -Dwebseed.writeScreenshots=true}: the README's pictures in {@code docs/screenshots/}. */
    private static void publishScreenshots() throws java.io.IOException {
        if (Boolean.getBoolean("webseed.writeScreenshots")) {
            for (String name : List.of("status.png", "landing.png")) {
                Files.copy(screenshot(name), Path.of("..", "docs", "screenshots", name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
