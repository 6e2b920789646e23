package dev.webseed.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.metainfo.HashProgress;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.metainfo.Layout;
import dev.webseed.metainfo.PieceHasher;
import dev.webseed.metainfo.PieceLength;
import dev.webseed.metainfo.Torrent;
import dev.webseed.testing.HeldExecutor;
import dev.webseed.testing.SteppingClock;

@ExtendWith(WorkDirExtension.class)
final class PublisherTest {
    WorkDir workDir;
    Path root;
    final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-22T00:00:00Z"));
    final HeldExecutor runs = new HeldExecutor();

    @BeforeEach
    void content() throws IOException {
        root = workDir.getEmptyPathDir().resolve("root");
        write(root.resolve("film.bin"), 100_000, 1);
        write(root.resolve("Season1/ep1.bin"), 40_000, 2);
        write(root.resolve("Season1/ep2.bin"), 50_000, 3);
        write(root.resolve("bad#name.bin"), 10, 4);
        write(root.resolve(".hidden"), 10, 5);
        Files.createDirectories(root.resolve("empty/.git"));
    }

    WebseedConfig config(boolean prehash) {
        return WebseedConfig.builder().set(Settings.CONTENT_ROOT, root).set(Settings.PREHASH, prehash)
                .set(Settings.HASH_THREADS, 2).build();
    }

    Publisher start(WebseedConfig config) {
        return Publisher.builder(config, ContentRoot.open(config)).clock(clock).runs(runs).start();
    }

    @Test
    void hashingRunsInTheBackgroundAndGivesTheRightTorrent() throws Exception {
        try (Publisher publisher = start(config(false))) {
            assertThat("nothing queued without prehash", runs.pending(), is(0));
            Publication first = publisher.request("film.bin");
            assertThat("queued, not hashed on the caller's thread", first, instanceOf(Publication.Hashing.class));
            assertThat("one run", runs.pending(), is(1));
            assertThat("hashing", publisher.progress().torrentsHashing(), is(1));
            runs.runAll();
            Torrent torrent = ready(publisher.request("film.bin"));
            assertThat("same as hashing directly", torrent.infoHash(), is(direct(root.resolve("film.bin"))));
            assertThat("tracker sees it", publisher.pathsOf(torrent.infoHash()).isEmpty(), is(false));
            Progress progress = publisher.progress();
            assertThat("progress", progress, is(new Progress(100_000, 100_000, 0, 1)));
        }
    }

    @Test
    void prehashQueuesEveryTopLevelEntry() {
        try (Publisher publisher = start(config(true))) {
            assertThat("film.bin, Season1, bad#name.bin, empty", runs.pending(), is(4));
            runs.runAll();
            var all = publisher.publications();
            assertThat("paths", List.copyOf(all.keySet()), is(List.of("Season1", "bad#name.bin", "empty",
                    "film.bin")));
            assertThat("folder", ready(all.get("Season1")).files().size(), is(2));
            assertThat("bad name refused", ((Publication.Unpublishable) all.get("bad#name.bin")).reason(),
                    containsString("bad#name.bin"));
            assertThat("empty folder refused", ((Publication.Unpublishable) all.get("empty")).reason(),
                    containsString("no files"));
            assertThat("nested files on request only", publisher.request("Season1/ep1.bin"),
                    instanceOf(Publication.Hashing.class));
        }
    }

    @Test
    void whatCannotBePublishedIsNotFound() {
        try (Publisher publisher = start(config(false))) {
            for (String path : List.of("", "missing.bin", ".hidden", ".webseed", "../root/film.bin", "Season1/",
                    "Season1//ep1.bin", "./film.bin")) {
                assertThat("[" + path + "]", publisher.request(path), is(new Publication.NotFound(path)));
            }
            assertThat("nothing queued", runs.pending(), is(0));
        }
    }

    /** The tracker and the paygate ask by info-hash: the answer must not depend on what was requested since start. */
    @Test
    void afterARestartAPublicationIsFoundByItsInfoHashFromTheCacheWithoutARun() throws Exception {
        WebseedConfig config = config(false);
        InfoHash episode;
        try (Publisher publisher = start(config)) {
            publisher.request("Season1/ep1.bin");
            runs.runAll();
            episode = ready(publisher.request("Season1/ep1.bin")).infoHash();
        }
        try (Publisher publisher = start(config)) {
            assertThat("nothing in memory", publisher.publications().isEmpty(), is(true));
            assertThat("found through the hash cache", publisher.pathsOf(episode), is(List.of("Season1/ep1.bin")));
            assertThat("restored on the caller's thread, no run", runs.pending(), is(0));
            assertThat("and now as if requested", ready(publisher.publications().get("Season1/ep1.bin")).infoHash(),
                    is(episode));
            assertThat("an unknown hash stays unknown", publisher.pathsOf(InfoHash.of(new byte[20])), is(List.of()));
        }
        write(root.resolve("Season1/ep1.bin"), 40_000, 9);
        try (Publisher publisher = start(config)) {
            assertThat("changed files are not restored under their old hash", publisher.pathsOf(episode),
                    is(List.of()));
            assertThat("and leave nothing behind", publisher.publications().isEmpty(), is(true));
        }
    }

    @Test
    void aRestartReusesTheCacheWithoutHashing() throws Exception {
        WebseedConfig config = config(true);
        InfoHash film;
        InfoHash season;
        try (Publisher publisher = Publisher.builder(config, ContentRoot.open(config)).clock(clock).start()) {
            publisher.whenIdle().get(60, TimeUnit.SECONDS);
            film = ready(publisher.request("film.bin")).infoHash();
            season = ready(publisher.request("Season1")).infoHash();
            assertThat("hashed 190,000 bytes", publisher.progress().bytesTotal(), is(190_000L));
        }
        try (Publisher publisher = Publisher.builder(config, ContentRoot.open(config)).clock(clock).start()) {
            publisher.whenIdle().get(60, TimeUnit.SECONDS);
            assertThat("same film", ready(publisher.request("film.bin")).infoHash(), is(film));
            assertThat("same folder", ready(publisher.request("Season1")).infoHash(), is(season));
            assertThat("zero hashing", publisher.progress(), is(new Progress(0, 0, 0, 2)));
        }
    }

    @Test
    void aFileChangedOnDiskIsNeverServedUnderItsOldHash() throws Exception {
        try (Publisher publisher = start(config(false))) {
            publisher.request("Season1");
            runs.runAll();
            InfoHash old = ready(publisher.request("Season1")).infoHash();
            write(root.resolve("Season1/ep2.bin"), 50_000, 99); // same size, new bytes and mtime
            Files.setLastModifiedTime(root.resolve("Season1/ep2.bin"), FileTime.fromMillis(1_000_000));
            clock.advance(Duration.ofMillis(Publisher.STAT_TTL_MILLIS));
            assertThat("tracker drops the old hash", publisher.pathsOf(old).isEmpty(), is(true));
            assertThat("hashing again", publisher.request("Season1"), instanceOf(Publication.Hashing.class));
            runs.runAll();
            InfoHash fresh = ready(publisher.request("Season1")).infoHash();
            assertThat("new info-hash", fresh, not(old));
            assertThat("matches the new bytes", fresh, is(direct(root.resolve("Season1"))));
            assertThat("old stays unpublished", publisher.pathsOf(old).isEmpty(), is(true));
            assertThat("new is published", publisher.pathsOf(fresh).isEmpty(), is(false));
        }
    }

    @Test
    void aFileAddedToAFolderOrDeletedIsNoticed() throws Exception {
        try (Publisher publisher = start(config(false))) {
            publisher.request("Season1");
            publisher.request("film.bin");
            runs.runAll();
            InfoHash season = ready(publisher.request("Season1")).infoHash();
            InfoHash film = ready(publisher.request("film.bin")).infoHash();
            write(root.resolve("Season1/ep3.bin"), 1000, 7);
            Files.delete(root.resolve("film.bin"));
            assertThat("within a second the stat is trusted", publisher.pathsOf(season).isEmpty(), is(false));
            clock.advance(Duration.ofSeconds(2));
            assertThat("folder changed", publisher.pathsOf(season).isEmpty(), is(true));
            assertThat("deleted file gone", publisher.request("film.bin"), instanceOf(Publication.NotFound.class));
            assertThat("deleted file unpublished", publisher.pathsOf(film).isEmpty(), is(true));
            runs.runAll();
            assertThat("three files now", ready(publisher.request("Season1")).files().size(), is(3));
        }
    }

    @Test
    void identicalFilesInTwoFoldersShareOneHashUntilOneChanges() throws Exception {
        write(root.resolve("A/trailer.bin"), 20_000, 9);
        write(root.resolve("B/trailer.bin"), 20_000, 9);
        try (Publisher publisher = start(config(false))) {
            publisher.request("A/trailer.bin");
            publisher.request("B/trailer.bin");
            runs.runAll();
            InfoHash a = ready(publisher.request("A/trailer.bin")).infoHash();
            assertThat("same name and bytes, same info-hash", ready(publisher.request("B/trailer.bin")).infoHash(),
                    is(a));
            assertThat("two publications", publisher.progress().torrentsReady(), is(2));
            write(root.resolve("A/trailer.bin"), 20_000, 10);
            Files.setLastModifiedTime(root.resolve("A/trailer.bin"), FileTime.fromMillis(4_000_000));
            clock.advance(Duration.ofSeconds(2));
            assertThat("still published through B", publisher.pathsOf(a).isEmpty(), is(false));
            Files.delete(root.resolve("B/trailer.bin"));
            clock.advance(Duration.ofSeconds(2));
            assertThat("gone with B", publisher.pathsOf(a).isEmpty(), is(true));
        }
    }

    @Test
    void aCacheEntryOfChangedFilesIsNotReused() throws Exception {
        WebseedConfig config = config(false);
        InfoHash old;
        try (Publisher publisher = start(config)) {
            publisher.request("film.bin");
            runs.runAll();
            old = ready(publisher.request("film.bin")).infoHash();
        }
        write(root.resolve("film.bin"), 100_000, 42);
        Files.setLastModifiedTime(root.resolve("film.bin"), FileTime.fromMillis(2_000_000));
        try (Publisher publisher = start(config)) {
            publisher.request("film.bin");
            runs.runAll();
            assertThat("re-hashed", publisher.progress().bytesTotal(), is(100_000L));
            assertThat("new hash", ready(publisher.request("film.bin")).infoHash(), not(old));
        }
    }

    @Test
    void awaitCompletesWhenTheRunEnds() throws Exception {
        try (Publisher publisher = start(config(false))) {
            CompletableFuture<Publication> future = publisher.await("Season1/ep1.bin");
            assertThat("not before the run", future.isDone(), is(false));
            runs.runAll();
            assertThat("ready after", future.getNow(null), instanceOf(Publication.Ready.class));
            assertThat("final states complete at once", publisher.await("missing").getNow(null),
                    instanceOf(Publication.NotFound.class));
        }
    }

    @Test
    void theQueueIsBounded() {
        WebseedConfig config = config(false).toBuilder().set(Settings.MAX_QUEUED_PUBLICATIONS, 1).build();
        try (Publisher publisher = start(config)) {
            publisher.request("film.bin");
            assertThat("second is refused for now", publisher.request("Season1"), instanceOf(Publication.Busy.class));
            runs.runAll();
            assertThat("accepted once the queue drained", publisher.request("Season1"),
                    instanceOf(Publication.Hashing.class));
            runs.runAll();
            assertThat("then ready", publisher.request("Season1"), instanceOf(Publication.Ready.class));
        }
    }

    @Test
    void privateTorrentsAndAFixedPieceLengthComeFromTheSettings() throws Exception {
        WebseedConfig config = config(false).toBuilder().set(Settings.PRIVATE_TORRENTS, true)
                .set(Settings.PIECE_LENGTH, 32768L).build();
        try (Publisher publisher = start(config)) {
            publisher.request("film.bin");
            runs.runAll();
            Torrent torrent = ready(publisher.request("film.bin"));
            assertThat("private", torrent.isPrivate(), is(true));
            assertThat("piece length", torrent.pieceLength(), is(32768L));
        }
    }

    @Test
    void hashingLogsAQuarterAtATime() throws Exception {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(Publisher.class.getName());
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        // 8 pieces of 16 KiB hashed on one thread: each quarter is crossed exactly once
        write(root.resolve("eight.bin"), 8 * 16384, 8);
        WebseedConfig config = config(false).toBuilder().set(Settings.HASH_THREADS, 1)
                .set(Settings.PIECE_LENGTH, 16384L).build();
        try (Publisher publisher = start(config)) {
            publisher.request("eight.bin");
            runs.runAll();
        } finally {
            jul.removeHandler(handler);
        }
        List<String> progress = lines.stream().filter(l -> l.startsWith("hashing eight.bin")).toList();
        assertThat("start, 25, 50, 75, 100%", progress.stream().map(l -> l.replaceAll("^hashing eight.bin: (\\d+)%.*",
                "$1")).toList(), is(List.of("0", "25", "50", "75", "100")));
        assertThat("published line", lines.stream().anyMatch(l -> l.startsWith("published eight.bin: info-hash ")),
                is(true));
    }

    static Torrent ready(Publication publication) {
        assertThat("ready", publication, instanceOf(Publication.Ready.class));
        return ((Publication.Ready) publication).torrent();
    }

    static InfoHash direct(Path target) throws Exception {
        Layout layout = Layout.scan(target, p -> true);
        long pieceLength = PieceLength.auto(layout.totalLength());
        try (PieceHasher hasher = new PieceHasher(1)) {
            byte[] pieces = hasher.hash(layout.files(), pieceLength, HashProgress.NONE);
            return Torrent.create(layout, pieceLength, pieces, false, Instant.EPOCH).infoHash();
        }
    }

    static void write(Path file, int length, int seed) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
    }
}
