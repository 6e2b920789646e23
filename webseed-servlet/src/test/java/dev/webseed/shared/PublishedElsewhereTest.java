package dev.webseed.shared;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.tracker.TrackerFailure;

/**
 * The tracker's question to the other servers: a path found is kept (one lookup per swarm), a hash
 * nobody published is asked again (admitted once some server records it), and a store that cannot
 * answer gives the tracker its failure reason, never "unregistered".
 */
final class PublishedElsewhereTest {
    static final InfoHash NESTED = InfoHash.fromHex("11".repeat(20));
    static final InfoHash LATER = InfoHash.fromHex("22".repeat(20));

    /** The registry as a store would keep it, counting lookups; away throws as the Redis one does. */
    final Map<InfoHash, String> stored = new HashMap<>(Map.of(NESTED, "music/album/track.flac"));
    final List<InfoHash> lookups = new ArrayList<>();
    boolean away;
    final PublishedTorrents registry = new PublishedTorrents() {
        @Override
        public CompletionStage<Boolean> record(InfoHash hash, String relativePath) {
            stored.put(hash, relativePath);
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public Optional<String> pathOf(InfoHash hash) {
            lookups.add(hash);
            if (away) {
                throw new TrackerFailure(TrackerFailure.STATE_UNAVAILABLE);
            }
            return Optional.ofNullable(stored.get(hash));
        }
    };
    final PublishedElsewhere elsewhere = new PublishedElsewhere(registry, 1000);

    @Test
    void aPathFoundIsKeptAndAnUnknownHashIsAskedEachTime() {
        assertThat(elsewhere.apply(NESTED), is(List.of("music/album/track.flac")));
        assertThat(elsewhere.apply(NESTED), is(List.of("music/album/track.flac")));
        assertThat(elsewhere.apply(LATER), is(List.of()));
        registry.record(LATER, "new.bin");
        assertThat("admitted once recorded", elsewhere.apply(LATER), is(List.of("new.bin")));
        assertThat(lookups, is(List.of(NESTED, LATER, LATER)));
    }

    @Test
    void aStoreThatCannotAnswerIsAFailureReasonAndAKeptPathStillAnswers() {
        assertThat(elsewhere.apply(NESTED), is(List.of("music/album/track.flac")));
        away = true;
        TrackerFailure failure = assertThrows(TrackerFailure.class, () -> elsewhere.apply(LATER));
        assertThat(failure.reason(), is("tracker state unavailable, try again shortly"));
        assertThat("kept: no lookup", elsewhere.apply(NESTED), is(List.of("music/album/track.flac")));
        away = false;
        assertThat("back", elsewhere.apply(LATER), is(List.of()));
    }
}
