package dev.webseed.seed;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.content.ContentRoot;

/** Every part of a {@link SeedService} is named when it is wrong; none is taken as null. */
final class SeedServiceBuilderTest {
    @TempDir
    Path root;

    @Test
    void nullPartsAreRefusedByName() {
        assertThat(assertThrows(NullPointerException.class, () -> SeedService.builder(null)).getMessage(),
                is("content"));
        SeedService.Builder builder = SeedService.builder(ContentRoot.open(root, root.resolve(".webseed"), false));
        assertThat(assertThrows(NullPointerException.class, () -> builder.limits(null)).getMessage(), is("config"));
        assertThat(assertThrows(NullPointerException.class, () -> builder.stats(null)).getMessage(), is("stats"));
        assertThat(assertThrows(NullPointerException.class, () -> builder.clock(null)).getMessage(), is("clock"));
        assertThat(assertThrows(NullPointerException.class, () -> builder.sender(null)).getMessage(), is("sender"));
        assertThat(assertThrows(NullPointerException.class, () -> builder.paygate(null)).getMessage(),
                is("paygate"));
    }
}
