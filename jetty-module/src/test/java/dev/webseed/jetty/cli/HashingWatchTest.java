package dev.webseed.jetty.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.Webseed;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.publish.Publication;

@ExtendWith(WorkDirExtension.class)
final class HashingWatchTest {
    WorkDir workDir;

    @Test
    void summary_countsReadyTorrentsAndSaysWhyOthersAreNotPublished() {
        TreeMap<String, Publication> publications = new TreeMap<>();
        publications.put("a#b.bin", new Publication.Unpublishable("name 'a#b.bin' contains '#'"));
        publications.put("empty", new Publication.Unpublishable("is an empty folder"));
        publications.put("locked.bin", new Publication.Failed("cannot read locked.bin"));
        publications.put("queued", new Publication.Hashing(0, 0));
        assertThat("summary", HashingWatch.summary(publications), is(List.of(
                "Ready: 0 torrents",
                "Not published: a#b.bin: name 'a#b.bin' contains '#'",
                "Not published: empty: is an empty folder",
                "Not published: locked.bin: cannot read locked.bin")));
    }

    @Test
    void watch_drawsTheBarUntilIdleThenSummarises() throws Exception {
        Path root = workDir.getEmptyPathDir();
        Files.write(root.resolve("film.bin"), new byte[300_000]);
        Files.writeString(root.resolve("a#b.bin"), "x");
        WebseedConfig config = WebseedConfig.builder().set(Settings.CONTENT_ROOT, root).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Webseed webseed = Webseed.start(config)) {
            // Synchronous here: returns once the publisher is idle (no sleeping in the test).
            HashingWatch.watch(webseed.publisher(), new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.toString(), lines.stream().anyMatch(l -> l.startsWith("Hashing: 100%")), is(true));
        assertThat(lines.toString(), lines.get(lines.size() - 2), is("Ready: 1 torrent"));
        assertThat(lines.toString(), lines.get(lines.size() - 1), startsWith("Not published: a#b.bin: "));
    }
}
