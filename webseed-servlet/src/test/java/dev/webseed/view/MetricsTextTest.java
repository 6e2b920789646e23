package dev.webseed.view;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

/** Label values in the text format 0.0.4: backslash, double quote and line feed are escaped. */
final class MetricsTextTest {
    @Test
    void escapesTheThreeCharactersTheFormatNames() {
        assertThat(MetricsText.escape("plain name.mkv"), is("plain name.mkv"));
        assertThat(MetricsText.escape("a\\b"), is("a\\\\b"));
        assertThat(MetricsText.escape("say \"hi\""), is("say \\\"hi\\\""));
        assertThat(MetricsText.escape("two\nlines"), is("two\\nlines"));
    }

    @Test
    void offloadIsOneMinusOriginOverDeliveredClampedAndUnknownWithoutDeliveries() {
        assertThat(StatsReport.offload(0, 0), is((Double) null));
        assertThat(StatsReport.offload(250, 1000), is(0.75));
        assertThat("origin ahead of late announces", StatsReport.offload(2000, 1000), is(0.0));
        assertThat(StatsReport.offload(0, 1000), is(1.0));
    }
}
