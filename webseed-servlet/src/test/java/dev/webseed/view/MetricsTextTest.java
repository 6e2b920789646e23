package dev.webseed.view;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.webseed.origin.OriginSnapshot;

/**
 * The text format 0.0.4 as written: label values escaped (backslash, double quote, line feed), and
 * the origin scheduler's families exactly as the report has them.
 */
final class MetricsTextTest {
    @Test
    void escapesTheThreeCharactersTheFormatNames() {
        assertThat(MetricsText.escape("plain name.mkv"), is("plain name.mkv"));
        assertThat(MetricsText.escape("a\\b"), is("a\\\\b"));
        assertThat(MetricsText.escape("say \"hi\""), is("say \\\"hi\\\""));
        assertThat(MetricsText.escape("two\nlines"), is("two\\nlines"));
    }

    @Test
    void theSchedulersCountersAreWrittenAsTheReportHasThem() {
        StatsReport.Shaping film = StatsReport.Shaping.of(
                new OriginSnapshot.Counts(2000, 500, Duration.ofMillis(250), 1));
        assertThat("nanoseconds to seconds", film.pacedSeconds(), is(0.25));
        StatsReport.Row row = new StatsReport.Row("film.mkv", "ready", 100, "ab12", 2000L, false, 1, 2, 3, 4, 0,
                2500, 5000, 0, 0, 0.5, null, film);
        StatsReport.Totals totals = new StatsReport.Totals(1, 1, 0, 2000, 2000, 1, 3, 1, 2, 3, 4, 0, 2500, 5000, 0,
                0, 0.5, null, 0, 0, Map.of(), Map.of(),
                new StatsReport.OriginShaping(12_000_000, 2000, 500, 1.5, 1, 48, 1 << 20));
        String text = new String(MetricsText.write(new StatsReport(StatsReport.VERSION, "2026-01-01T00:00:00Z", 1, 60,
                totals, new StatsReport.Listing(1, 1, "bytes", List.of(row)))), StandardCharsets.UTF_8);
        String labels = "{publication=\"film.mkv\",info_hash=\"ab12\"} ";
        for (String line : List.of("webseed_origin_first_copy_bytes_total 2000", "webseed_origin_repeat_bytes_total 500",
                "webseed_origin_paced_seconds_total 1.5", "webseed_origin_record_resets_total 1",
                "webseed_origin_max_rate_bytes_per_second 12000000", "webseed_origin_record_bytes 48",
                "webseed_origin_record_max_bytes 1048576", "# TYPE webseed_origin_paced_seconds_total counter",
                "# TYPE webseed_origin_max_rate_bytes_per_second gauge",
                "webseed_publication_first_copy_bytes_total" + labels + "2000",
                "webseed_publication_repeat_bytes_total" + labels + "500",
                "webseed_publication_paced_seconds_total" + labels + "0.25",
                "webseed_publication_offload_ratio" + labels + "0.5")) {
            assertThat(line, text.lines().anyMatch(line::equals), is(true));
        }
    }

    @Test
    void offloadIsOneMinusOriginOverDeliveredClampedAndUnknownWithoutDeliveries() {
        assertThat(StatsReport.offload(0, 0), is((Double) null));
        assertThat(StatsReport.offload(250, 1000), is(0.75));
        assertThat("origin ahead of late announces", StatsReport.offload(2000, 1000), is(0.0));
        assertThat(StatsReport.offload(0, 1000), is(1.0));
    }
}
