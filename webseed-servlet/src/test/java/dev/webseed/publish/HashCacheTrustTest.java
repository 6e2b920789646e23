package dev.webseed.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.testing.HeldExecutor;
import dev.webseed.testing.SteppingClock;

/**
 * What the hash cache may be trusted with: a damaged entry is never published
 * (every single-byte flip of an entry file is tried), and a file rewritten in place with its size
 * and modification time put back is hashed again, across a restart and while running.
 */
@ExtendWith(WorkDirExtension.class)
final class HashCacheTrustTest {
    WorkDir workDir;
    Path root;
    final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-22T00:00:00Z"));
    final HeldExecutor runs = new HeldExecutor();
    WebseedConfig config;

    @BeforeEach
    void content() throws Exception {
        root = workDir.getEmptyPathDir().resolve("root");
        PublisherTest.write(root.resolve("film.bin"), 100_000, 1);
        PublisherTest.write(root.resolve("Season1/ep1.bin"), 40_000, 2);
        config = WebseedConfig.builder().set(Settings.CONTENT_ROOT, root).set(Settings.PREHASH, false)
                .set(Settings.HASH_THREADS, 1).build();
    }

    /** Publishes a path with a fresh publisher (a restart) and returns its info-hash. */
    InfoHash publishAfterRestart(String path) throws Exception {
        try (Publisher publisher = Publisher.builder(config, ContentRoot.open(config)).clock(clock).runs(runs).start()) {
            publisher.request(path);
            runs.runAll();
            return PublisherTest.ready(publisher.request(path)).infoHash();
        }
    }

    Path onlyEntry() throws Exception {
        try (Stream<Path> files = Files.list(root.resolve(".webseed/torrents"))) {
            List<Path> entries = files.filter(p -> p.toString().endsWith(".bt")).toList();
            assertThat(entries.size(), is(1));
            return entries.get(0);
        }
    }

    @Test
    void noSingleByteFlipOfAnEntryIsEverPublished() throws Exception {
        for (String path : List.of("film.bin", "Season1")) {
            InfoHash truth = PublisherTest.direct(root.resolve(path));
            assertThat("first run hashes", publishAfterRestart(path), is(truth));
            Path entry = onlyEntry();
            byte[] good = Files.readAllBytes(entry);
            for (int i = 0; i < good.length; i++) {
                byte[] bad = good.clone();
                bad[i] ^= 0x01;
                Files.write(entry, bad);
                assertThat(path + ": byte " + i + " of " + good.length + " flipped", publishAfterRestart(path),
                        is(truth));
            }
            Files.write(entry, good);
            assertThat("the intact entry is still reused", publishAfterRestart(path), is(truth));
            Files.delete(entry);
        }
    }

    @Test
    void aDamagedEntryIsReplacedByAGoodOne() throws Exception {
        InfoHash truth = publishAfterRestart("film.bin");
        Path entry = onlyEntry();
        byte[] good = Files.readAllBytes(entry);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x40;
        Files.write(entry, bad);
        assertThat(publishAfterRestart("film.bin"), is(truth));
        assertThat("the damaged entry was replaced", Files.readAllBytes(onlyEntry()), not(bad));
        assertThat("and the new one is reused", publishAfterRestart("film.bin"), is(truth));
    }

    @Test
    void aFileRewrittenInPlaceWithSizeAndMtimeKeptIsHashedAgainAfterARestart() throws Exception {
        InfoHash old = publishAfterRestart("film.bin");
        Path film = root.resolve("film.bin");
        FileTime mtime = Files.getLastModifiedTime(film);
        PublisherTest.write(film, 100_000, 99); // same size, new bytes, in place (same inode)
        Files.setLastModifiedTime(film, mtime);
        InfoHash fresh = publishAfterRestart("film.bin");
        assertThat(fresh, not(old));
        assertThat(fresh, is(PublisherTest.direct(film)));
    }

    @Test
    void aFileReplacedByAnotherWithSizeAndMtimeKeptIsHashedAgain() throws Exception {
        InfoHash old = publishAfterRestart("Season1");
        Path ep = root.resolve("Season1/ep1.bin");
        FileTime mtime = Files.getLastModifiedTime(ep);
        Path other = root.resolve("Season1/.new");
        PublisherTest.write(other, 40_000, 77);
        Files.setLastModifiedTime(other, mtime);
        Files.move(other, ep, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        InfoHash fresh = publishAfterRestart("Season1");
        assertThat(fresh, not(old));
        assertThat(fresh, is(PublisherTest.direct(root.resolve("Season1"))));
    }

    @Test
    void aRunningPublisherNoticesAnInPlaceRewriteWithMtimeKept() throws Exception {
        try (Publisher publisher = Publisher.builder(config, ContentRoot.open(config)).clock(clock).runs(runs).start()) {
            publisher.request("film.bin");
            runs.runAll();
            InfoHash old = PublisherTest.ready(publisher.request("film.bin")).infoHash();
            Path film = root.resolve("film.bin");
            FileTime mtime = Files.getLastModifiedTime(film);
            PublisherTest.write(film, 100_000, 98);
            Files.setLastModifiedTime(film, mtime);
            clock.advance(Duration.ofMillis(Publisher.STAT_TTL_MILLIS));
            assertThat("the old hash is withdrawn", publisher.pathsOf(old), is(List.of()));
            assertThat(publisher.request("film.bin"), instanceOf(Publication.Hashing.class));
            runs.runAll();
            assertThat(PublisherTest.ready(publisher.request("film.bin")).infoHash(), is(PublisherTest.direct(film)));
        }
    }
}
