package dev.webseed.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A setting's documented default is its default value formatted; only a non-value has a placeholder. */
final class SettingTest {

    @Test
    void everyDefault_isTheValueFormattedOrAPlaceholder() {
        for (Setting<?> s : Settings.all()) {
            String text = s.defaultText();
            if (!text.startsWith("(")) {
                assertThat(s.name() + " documented default", text, is(formatted(s)));
                assertThat(s.name() + " default text parses back to the default", s.parse(text),
                        is(s.defaultValue().orElseThrow()));
            }
        }
    }

    @Test
    void everyDefaultValue_formatsToTextThatParsesBack() {
        for (Setting<?> s : Settings.all()) {
            if (s.defaultValue().isPresent()) {
                assertThat(s.name() + " as '" + formatted(s) + "'", s.parse(formatted(s)), is(s.defaultValue().get()));
            }
        }
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
            "PT30M,     30m",
            "PT1H,      1h",
            "PT1M,      1m",
            "PT90S,     90s",
            "PT1.5S,    1500ms",
            "PT0S,      0s",
            "PT48H,     2d",
            "PT0.000001S, PT0.000001S",
    })
    void duration_isWrittenInItsLargestExactUnit(String iso, String text) {
        Duration value = Duration.parse(iso);
        assertThat(Values.format(value), is(text));
        assertThat(Values.durationIn(Duration.ZERO, Duration.ofDays(7)).apply(text), is(value));
    }

    @Test
    void valuesThatAreNotDurations() {
        assertThat(Values.format(List.of("paid/", "film.mkv")), is("paid/,film.mkv"));
        assertThat(Values.format(List.of()), is(""));
        assertThat(Values.format(100_000), is("100000"));
        assertThat(Values.format(false), is("false"));
        assertThat(Settings.PIECE_LENGTH.format(0L), is("auto"));
        assertThat(Settings.PIECE_LENGTH.format(262_144L), is("262144"));
        assertThat(Settings.PIECE_LENGTH.defaultText(), is("auto"));
        assertThat(Settings.ANNOUNCE_INTERVAL.defaultText(), is("30m"));
        assertThat(Settings.HASH_THREADS.defaultText(), is("(number of cores)"));
    }

    @Test
    void aDefaultWrittenTwice_isRefused() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new Setting<>("x", Integer.class, Integer::valueOf, Values::format, 5, "5", "d"));
        assertThat(twice.getMessage(), containsString("placeholder in parentheses"));
        assertThrows(IllegalArgumentException.class,
                () -> new Setting<>("x", Integer.class, Integer::valueOf, Values::format, null, null, "d"));
    }

    private static <T> String formatted(Setting<T> s) {
        return s.format(s.defaultValue().orElseThrow());
    }
}
