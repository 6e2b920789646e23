package dev.webseed.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.testing.RedisServer;
import dev.webseed.tracker.TrackerFailure;

/**
 * The registry of published torrents on a real redis-server, as its data model says: {@code P pub}
 * is a hash, info-hash hex -> relative path; recording again changes nothing; Redis away, a
 * record completes false and a lookup is the tracker's failure reason.
 */
final class RedisPublishedTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    static final InfoHash TRACK = InfoHash.fromHex("ab".repeat(20));
    static final InfoHash FILM = InfoHash.fromHex("cd".repeat(20));
    private static RedisLink link;

    @BeforeAll
    static void connect() {
        link = new RedisLink(REDIS.url(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void close() {
        link.close();
    }

    private static boolean record(RedisPublished published, InfoHash hash, String path) throws Exception {
        return published.record(hash, path).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void recordedPathsAreAHashOfHexToPath() throws Exception {
        RedisPublished published = new RedisPublished(link, "model:");
        assertThat(published.pathOf(TRACK), is(Optional.empty()));
        assertThat(record(published, TRACK, "music/album/träck.flac"), is(true));
        assertThat(record(published, TRACK, "music/album/träck.flac"), is(true));
        assertThat(record(published, FILM, "paid/film.mkv"), is(true));
        assertThat(published.pathOf(TRACK), is(Optional.of("music/album/träck.flac")));
        Map<String, String> stored = new TreeMap<>();
        link.call(r -> r.hgetall(RedisLink.bytes("model:pub"))).forEach((k, v) -> stored.put(new String(k, UTF_8),
                new String(v, UTF_8)));
        assertThat("one field per torrent, no other key", stored, is(Map.of(TRACK.hex(), "music/album/träck.flac",
                FILM.hex(), "paid/film.mkv")));
        assertThat(link.call(r -> r.ttl(RedisLink.bytes("model:pub"))), is(-1L));
        assertThat("another deployment's prefix sees nothing",
                new RedisPublished(link, "other:").pathOf(TRACK), is(Optional.empty()));
    }

    @Test
    void redisAway_recordCompletesFalseAndLookupIsAFailureReason_thenBack() throws Exception {
        RedisPublished published = new RedisPublished(link, "away:");
        assertThat(record(published, TRACK, "a.bin"), is(true));
        REDIS.kill();
        assertThat(record(published, FILM, "b.bin"), is(false));
        TrackerFailure failure = assertThrows(TrackerFailure.class, () -> published.pathOf(TRACK));
        assertThat(failure.reason(), is(TrackerFailure.STATE_UNAVAILABLE));
        REDIS.restart();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!record(published, FILM, "b.bin") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(published.pathOf(FILM), is(Optional.of("b.bin")));
        assertThat("lost with the unpersisted Redis", published.pathOf(TRACK), is(Optional.empty()));
    }
}
