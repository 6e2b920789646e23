package dev.webseed.seed;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** W11: which paths are BEP 47 pad files. */
final class PadFilesTest {
    @Test
    void padPathsAndTheirLengths() {
        assertThat(pad("multi/.pad/13617"), is(OptionalLong.of(13617)));
        assertThat(pad("Season 1/Extras/.pad/1"), is(OptionalLong.of(1)));
        assertThat(pad("multi/.pad/67108864"), is(OptionalLong.of(PadFiles.MAX_PAD_BYTES)));
        assertThat(PadFiles.prefix(List.of("a", "b", ".pad", "5")), is(List.of("a", "b")));
    }

    @Test
    void everythingElseIsNotAPad() {
        for (String path : List.of(".pad/5", "multi/.pad/0", "multi/.pad/05", "multi/.pad/67108865",
                "multi/.pad/9999999999", "multi/.pad/-5", "multi/.pad/5a", "multi/.pad/", "multi/pad/5",
                "multi/.PAD/5", "multi/.pad/5/x", "multi/.pad/٥")) {
            assertThat(path, pad(path), is(OptionalLong.empty()));
        }
    }

    private static OptionalLong pad(String path) {
        return PadFiles.padLength(Arrays.asList(path.split("/", -1)));
    }
}
