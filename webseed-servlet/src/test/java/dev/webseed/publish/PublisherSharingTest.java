package dev.webseed.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.shared.PublishedTorrents;
import dev.webseed.testing.HeldExecutor;
import dev.webseed.testing.SteppingClock;

/**
 * The publisher records every torrent it publishes in the registry several servers share, without
 * waiting for it: after hashing, after a restore from the hash cache, again on a request when the
 * store was away, and again a minute later (a Redis that lost its data gets the entry back).
 */
@ExtendWith(WorkDirExtension.class)
final class PublisherSharingTest {
    WorkDir workDir;
    Path root;
    final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-22T00:00:00Z"));
    final HeldExecutor runs = new HeldExecutor();
    final Registry registry = new Registry();

    /** The registry as a store on this machine would keep it: a list of records, reachable or not. */
    static final class Registry implements PublishedTorrents {
        final List<String> records = new ArrayList<>();
        boolean away;

        @Override
        public synchronized CompletionStage<Boolean> record(InfoHash hash, String relativePath) {
            if (away) {
                return CompletableFuture.completedFuture(false);
            }
            records.add(hash.hex() + " " + relativePath);
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public Optional<String> pathOf(InfoHash hash) {
            throw new AssertionError("the publisher only records");
        }

        synchronized List<String> records() {
            return List.copyOf(records);
        }
    }

    @BeforeEach
    void content() throws IOException {
        root = workDir.getEmptyPathDir().resolve("root");
        PublisherTest.write(root.resolve("Season1/ep1.bin"), 40_000, 2);
    }

    WebseedConfig config() {
        return WebseedConfig.builder().set(Settings.CONTENT_ROOT, root).set(Settings.PREHASH, false)
                .set(Settings.HASH_THREADS, 1).build();
    }

    Publisher start(WebseedConfig config) {
        return Publisher.builder(config, ContentRoot.open(config)).clock(clock).runs(runs).sharing(registry).start();
    }

    @Test
    void aPublishedTorrentIsRecordedOnceWithItsRelativePath() {
        try (Publisher publisher = start(config())) {
            publisher.request("Season1/ep1.bin");
            assertThat("nothing before hashing", registry.records(), is(List.of()));
            runs.runAll();
            InfoHash hash = PublisherTest.ready(publisher.request("Season1/ep1.bin")).infoHash();
            assertThat(registry.records(), is(List.of(hash.hex() + " Season1/ep1.bin")));
            publisher.request("Season1/ep1.bin");
            publisher.pathsOf(hash);
            assertThat("requests within the minute record nothing more", registry.records().size(), is(1));
            clock.advance(Duration.ofSeconds(61));
            publisher.request("Season1/ep1.bin");
            assertThat("a minute later a request records it again", registry.records(),
                    is(List.of(hash.hex() + " Season1/ep1.bin", hash.hex() + " Season1/ep1.bin")));
        }
    }

    @Test
    void aRecordTheStoreCouldNotTakeIsMadeOnTheNextRequest() {
        registry.away = true;
        try (Publisher publisher = start(config())) {
            publisher.request("Season1/ep1.bin");
            runs.runAll();
            InfoHash hash = PublisherTest.ready(publisher.request("Season1/ep1.bin")).infoHash();
            assertThat(registry.records(), is(List.of()));
            registry.away = false;
            assertThat("the announce path asks too", publisher.pathsOf(hash), is(List.of("Season1/ep1.bin")));
            assertThat(registry.records(), is(List.of(hash.hex() + " Season1/ep1.bin")));
        }
    }

    @Test
    void aTorrentRestoredFromTheHashCacheIsRecorded() {
        InfoHash hash;
        try (Publisher publisher = Publisher.builder(config(), ContentRoot.open(config())).clock(clock).runs(runs)
                .start()) {
            publisher.request("Season1/ep1.bin");
            runs.runAll();
            hash = PublisherTest.ready(publisher.request("Season1/ep1.bin")).infoHash();
        }
        try (Publisher publisher = start(config())) {
            assertThat(publisher.pathsOf(hash), is(List.of("Season1/ep1.bin")));
            assertThat("no run", runs.pending(), is(0));
            assertThat(registry.records(), is(List.of(hash.hex() + " Season1/ep1.bin")));
        }
    }
}
