package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code /stats} against what was really served over HTTP and announced to the tracker. */
final class StatsServletTest {
    @TempDir
    Path root;

    @Test
    void schemaVersionAndEveryTopLevelPublication() throws Exception {
        try (ViewFixture f = ViewFixture.start(root)) {
            HttpResponse<String> response = f.get("stats");
            assertThat(response.statusCode(), is(200));
            assertThat(response.headers().firstValue("Content-Type").orElse(""), startsWith("application/json"));
            assertThat(response.headers().firstValue("Cache-Control").orElse(""), is("no-store"));
            JsonNode stats = ViewFixture.JSON.readTree(response.body());
            assertThat(stats.path("version").asInt(), is(1));
            assertThat(stats.path("windowSeconds").asLong(), is(60L));
            JsonNode totals = stats.path("totals");
            assertThat(totals.path("publications").asLong(), is(3L));
            assertThat(totals.path("ready").asLong(), is(3L));
            assertThat(totals.path("originBytes").asLong(), is(0L));
            assertThat("no bytes reported: no ratio", totals.path("offloadRatio").isNull(), is(true));
            assertThat(totals.path("requests").size(), is(11));
            assertThat(totals.path("paygateDenials").path("expired").asLong(), is(0L));
            JsonNode shaping = totals.path("shaping");
            assertThat("no budget set", shaping.path("maxRateBytesPerSecond").asLong(), is(0L));
            assertThat(shaping.path("firstCopyBytes").asLong(), is(0L));
            assertThat(shaping.path("pacedSeconds").asDouble(), is(0.0));
            assertThat(shaping.path("recordMaxBytes").asLong(), is(64L << 20));
            JsonNode multi = f.row(stats, "multi");
            assertThat(multi.path("state").asText(), is("ready"));
            assertThat(multi.path("size").asLong(), is(700L));
            assertThat(multi.path("infoHash").asText(), is(f.infoHash("multi").hex()));
            assertThat(stats.path("publications").path("listed").asInt(), is(3));
        }
    }

    @Test
    void originBytesAreWhatTheWebseedWroteAndTheSwarmReportsWhatClientsAnnounce() throws Exception {
        try (ViewFixture f = ViewFixture.start(root)) {
            assertThat(f.bytes("seed/data.bin").length, is(1000));
            HttpResponse<String> range = f.get("seed/multi/a.bin", "Range", "bytes=0-99");
            assertThat(range.statusCode(), is(206));
            f.announce("data.bin", 1, 0, 1000, "started");
            f.announce("data.bin", 1, 600, 400, null);
            f.announce("data.bin", 1, 1000, 0, "completed");
            // a second client got everything from peers: the swarm carried half of what was delivered
            f.announce("data.bin", 2, 1000, 0, "completed");

            JsonNode stats = f.stats();
            JsonNode totals = stats.path("totals");
            assertThat(totals.path("originBytes").asLong(), is(1100L));
            assertThat(totals.path("swarmBytes").asLong(), is(2000L));
            assertThat(totals.path("completed").asLong(), is(2L));
            assertThat(totals.path("seeders").asLong(), is(2L));
            assertThat(totals.path("announces").asLong(), is(4L));
            assertThat(totals.path("requests").path("full").asLong(), is(1L));
            assertThat(totals.path("requests").path("partial").asLong(), is(1L));
            JsonNode data = f.row(stats, "data.bin");
            assertThat(data.path("originBytes").asLong(), is(1000L));
            assertThat(data.path("swarmBytes").asLong(), is(2000L));
            assertThat(data.path("offloadRatio").asDouble(), closeTo(0.5, 1e-9));
            assertThat(data.path("recentOffloadRatio").asDouble(), closeTo(0.5, 1e-9));
            assertThat("folder bytes go to the top-level entry", f.row(stats, "multi").path("originBytes").asLong(),
                    is(100L));
            assertThat("busiest first", stats.path("publications").path("items").get(0).path("path").asText(),
                    is("data.bin"));

            f.clock.advance(Duration.ofSeconds(61));
            JsonNode later = f.stats().path("totals");
            assertThat("the window moved on", later.path("recentOriginBytes").asLong(), is(0L));
            assertThat(later.path("recentOffloadRatio").isNull(), is(true));
            assertThat("the lifetime stays", later.path("offloadRatio").asDouble(), closeTo(1 - 1100.0 / 2000, 1e-9));
        }
    }

    @Test
    void aStoppedClientAddsItsRestAndARepeatedValueAddsNothing() throws Exception {
        try (ViewFixture f = ViewFixture.start(root)) {
            f.announce("big.bin", 3, 100, 4900, "started");
            f.announce("big.bin", 3, 100, 4900, null);
            f.announce("big.bin", 3, 700, 4300, "stopped");
            assertThat(f.row(f.stats(), "big.bin").path("swarmBytes").asLong(), is(700L));
        }
    }

    @Test
    void withABudgetBytesServedTwiceToALiveSwarmAreRepeats() throws Exception {
        try (ViewFixture f = ViewFixture.start(root, Map.of("webseedMaxRate", "1MB"))) {
            f.swarmOfTwo("data.bin", 1000);
            f.bytes("seed/data.bin");
            f.bytes("seed/data.bin");
            f.bytes("seed/multi/a.bin");
            // big.bin has no swarm: a repeat finds it gone, the record is forgotten, the bytes count first again
            f.bytes("seed/big.bin");
            f.bytes("seed/big.bin");

            JsonNode stats = f.stats();
            JsonNode shaping = stats.path("totals").path("shaping");
            assertThat(shaping.path("maxRateBytesPerSecond").asLong(), is(1_000_000L));
            assertThat(shaping.path("firstCopyBytes").asLong(), is(1000L + 300 + 2 * 5000));
            assertThat(shaping.path("repeatBytes").asLong(), is(1000L));
            assertThat(shaping.path("resets").asLong(), is(1L));
            assertThat("first copies and repeats are every byte the webseed wrote",
                    shaping.path("firstCopyBytes").asLong() + shaping.path("repeatBytes").asLong(),
                    is(stats.path("totals").path("originBytes").asLong()));
            assertThat("a record per file served", shaping.path("recordBytes").asLong(),
                    is(f.webseed.origin().snapshot().recordBytes()));
            assertThat(shaping.path("recordBytes").asLong(), is(3L * Long.BYTES));
            JsonNode data = f.row(stats, "data.bin").path("shaping");
            assertThat(data.path("firstCopyBytes").asLong(), is(1000L));
            assertThat(data.path("repeatBytes").asLong(), is(1000L));
            assertThat(f.row(stats, "multi").path("shaping").path("firstCopyBytes").asLong(), is(300L));
            assertThat(f.row(stats, "big.bin").path("shaping").path("resets").asLong(), is(1L));
        }
    }

    @Test
    void timeWaitedForTheBudgetIsPacedSeconds() throws Exception {
        // 16 kB/s: the bucket holds one 64 KiB grant, so twenty 5000-byte responses must wait for the clock
        try (ViewFixture f = ViewFixture.start(root, Map.of("webseedMaxRate", "16kB"))) {
            f.swarmOfTwo("big.bin", 5000);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 20; i++) {
                    try {
                        f.bytes("seed/big.bin");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            // the clock moves only here, no faster than real time: the budget refills more slowly than
            // the responses can take it, so they run the bucket dry and wait, however loaded the machine
            while (!served.isDone()) {
                f.clock.advance(Duration.ofMillis(2));
                Thread.sleep(2);
            }
            served.get();
            JsonNode stats = f.stats();
            JsonNode shaping = stats.path("totals").path("shaping");
            assertThat(shaping.path("firstCopyBytes").asLong(), is(5000L));
            assertThat(shaping.path("repeatBytes").asLong(), is(19 * 5000L));
            double paced = shaping.path("pacedSeconds").asDouble();
            assertThat(paced, greaterThan(0.0));
            assertThat(paced, is(f.webseed.origin().snapshot().total().paced().toNanos() / 1e9));
            assertThat("only big.bin waited", f.row(stats, "big.bin").path("shaping").path("pacedSeconds").asDouble(),
                    is(paced));
        }
    }

    @Test
    void listsOnlyTheBusiestStatsTopPublications() throws Exception {
        try (ViewFixture f = ViewFixture.start(root, Map.of("statsTopPublications", "1"))) {
            f.get("seed/big.bin");
            JsonNode stats = f.stats();
            JsonNode listing = stats.path("publications");
            assertThat(listing.path("total").asLong(), is(3L));
            assertThat(listing.path("listed").asInt(), is(1));
            assertThat(List.of(listing.path("items").get(0).path("path").asText()), is(List.of("big.bin")));
        }
    }
}
