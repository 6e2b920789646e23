package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.webseed.testing.PrometheusParser;

/** {@code /metrics} read by the reference parser, and the same numbers as {@code /stats}. */
final class MetricsServletTest {
    @TempDir
    Path root;

    @Test
    void theReferenceParserReadsItAndItAgreesWithStats() throws Exception {
        try (ViewFixture f = ViewFixture.start(root)) {
            f.bytes("seed/data.bin");
            f.bytes("seed/multi/b.bin");
            f.announce("data.bin", 1, 1000, 0, "completed");
            f.announce("data.bin", 2, 1000, 0, "completed");
            f.settle();
            JsonNode stats = f.stats();
            HttpResponse<String> response = f.get("metrics");
            assertThat(response.statusCode(), is(200));
            assertThat(response.headers().firstValue("Content-Type").orElse(""),
                    is("text/plain; version=0.0.4; charset=utf-8"));
            Map<String, Double> m = PrometheusParser.parse(response.body());

            JsonNode t = stats.path("totals");
            assertThat(m.get("webseed_origin_bytes_total{}"), is(t.path("originBytes").asDouble()));
            assertThat(m.get("webseed_origin_bytes_total{}"), is(1400.0));
            assertThat(m.get("webseed_swarm_downloaded_bytes_total{}"), is(2000.0));
            assertThat(m.get("webseed_completed_total{}"), is(t.path("completed").asDouble()));
            assertThat(m.get("webseed_seeders{}"), is(2.0));
            assertThat(m.get("webseed_announces_total{}"), is(2.0));
            assertThat(m.get("webseed_offload_ratio{window=lifetime}"), is(t.path("offloadRatio").asDouble()));
            assertThat(m.get("webseed_offload_ratio{window=60s}"), is(t.path("recentOffloadRatio").asDouble()));
            assertThat(m.get("webseed_seed_requests_total{outcome=full}"), is(2.0));
            assertThat(m.get("webseed_paygate_denials_total{reason=expired}"), is(0.0));
            assertThat(m.get("webseed_publications{state=ready}"), is(3.0));
            String hash = f.infoHash("data.bin").hex();
            String data = "{info_hash=" + hash + ",publication=data.bin}";
            assertThat(m.get("webseed_publication_origin_bytes_total" + data), is(1000.0));
            assertThat(m.get("webseed_publication_swarm_downloaded_bytes_total" + data), is(2000.0));
            assertThat(m.get("webseed_publication_offload_ratio" + data), is(0.5));
            assertThat(m.get("webseed_publication_completed_total" + data), is(2.0));
            assertThat(m.get("webseed_publication_origin_bytes_total{info_hash=" + f.infoHash("multi").hex()
                    + ",publication=multi}"), is(400.0));
        }
    }

    @Test
    void theOriginSchedulersCountersAreThoseOfStats() throws Exception {
        try (ViewFixture f = ViewFixture.start(root, Map.of("webseedMaxRate", "12MB"))) {
            f.swarmOfTwo("data.bin", 1000);
            f.bytes("seed/data.bin");
            f.bytes("seed/data.bin"); // the swarm is there: a repeat
            f.bytes("seed/multi/b.bin");
            JsonNode stats = f.stats();
            Map<String, Double> m = PrometheusParser.parse(f.get("metrics").body());

            JsonNode s = stats.path("totals").path("shaping");
            assertThat(m.get("webseed_origin_first_copy_bytes_total{}"), is(s.path("firstCopyBytes").asDouble()));
            assertThat(m.get("webseed_origin_first_copy_bytes_total{}"), is(1400.0));
            assertThat(m.get("webseed_origin_repeat_bytes_total{}"), is(s.path("repeatBytes").asDouble()));
            assertThat(m.get("webseed_origin_repeat_bytes_total{}"), is(1000.0));
            assertThat(m.get("webseed_origin_paced_seconds_total{}"), is(s.path("pacedSeconds").asDouble()));
            assertThat(m.get("webseed_origin_record_resets_total{}"), is(s.path("resets").asDouble()));
            assertThat(m.get("webseed_origin_max_rate_bytes_per_second{}"), is(12e6));
            assertThat(m.get("webseed_origin_record_bytes{}"), is(s.path("recordBytes").asDouble()));
            assertThat(m.get("webseed_origin_record_bytes{}"), is(2.0 * Long.BYTES));
            assertThat(m.get("webseed_origin_record_max_bytes{}"), is(s.path("recordMaxBytes").asDouble()));
            String data = "{info_hash=" + f.infoHash("data.bin").hex() + ",publication=data.bin}";
            JsonNode row = f.row(stats, "data.bin").path("shaping");
            assertThat(m.get("webseed_publication_first_copy_bytes_total" + data), is(row.path("firstCopyBytes").asDouble()));
            assertThat(m.get("webseed_publication_repeat_bytes_total" + data), is(1000.0));
            assertThat(m.get("webseed_publication_paced_seconds_total" + data), is(row.path("pacedSeconds").asDouble()));
            assertThat(m.get("webseed_publication_first_copy_bytes_total{info_hash=" + f.infoHash("multi").hex()
                    + ",publication=multi}"), is(400.0));
        }
    }

    @Test
    void perPublicationSeriesOnlyForTheBusiest() throws Exception {
        try (ViewFixture f = ViewFixture.start(root, Map.of("statsTopPublications", "1"))) {
            f.bytes("seed/big.bin");
            f.settle();
            Map<String, Double> m = PrometheusParser.parse(f.get("metrics").body());
            long series = m.keySet().stream().filter(k -> k.startsWith("webseed_publication_origin_bytes_total")).count();
            assertThat(series, is(1L));
            assertThat(m.keySet().stream().filter(k -> k.startsWith("webseed_publication_repeat_bytes_total")).count(),
                    is(1L));
            assertThat(m, not(hasKey("webseed_publication_origin_bytes_total{info_hash=" + f.infoHash("data.bin").hex()
                    + ",publication=data.bin}")));
        }
    }

    @Test
    void labelValuesAreEscaped() throws Exception {
        java.nio.file.Files.write(root.resolve("say \"hi\".bin"), new byte[10]);
        try (ViewFixture f = ViewFixture.start(root)) {
            Map<String, Double> m = PrometheusParser.parse(f.get("metrics").body());
            assertThat(m.keySet().stream().anyMatch(k -> k.contains("publication=say \"hi\".bin")), is(true));
        }
    }
}
