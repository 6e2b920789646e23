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
    void perPublicationSeriesOnlyForTheBusiest() throws Exception {
        try (ViewFixture f = ViewFixture.start(root, Map.of("statsTopPublications", "1"))) {
            f.bytes("seed/big.bin");
            f.settle();
            Map<String, Double> m = PrometheusParser.parse(f.get("metrics").body());
            long series = m.keySet().stream().filter(k -> k.startsWith("webseed_publication_origin_bytes_total")).count();
            assertThat(series, is(1L));
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
