package dev.webseed.shared;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.webseed.metainfo.InfoHash;

/**
 * The torrents every server of a fleet has published: info-hash to the relative path it was
 * published at. A server's publisher records each torrent it has hashed; a server's tracker asks
 * for an info-hash it does not publish itself, so a client's announce is admitted by whichever
 * server takes it, before that server has hashed the file (README "Several servers").
 *
 * <p>Entries are never withdrawn: the registry only tells the tracker that a swarm was published
 * and at which path (so a paid path still needs a token on every server); what the web seed serves
 * is always checked against the files themselves.</p>
 */
public interface PublishedTorrents {
    /** Records nothing, knows nothing: a server on its own. */
    PublishedTorrents NONE = new PublishedTorrents() {
        @Override
        public CompletionStage<Boolean> record(InfoHash hash, String relativePath) {
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public Optional<String> pathOf(InfoHash hash) {
            return Optional.empty();
        }
    };

    /**
     * Records that this info-hash was published at this path (again: no change). Never blocks and
     * never throws: the stage completes with false when the store could not take it (the publisher
     * records it again later).
     */
    CompletionStage<Boolean> record(InfoHash hash, String relativePath);

    /**
     * The relative path some server published this info-hash at, or empty when none did.
     *
     * @throws dev.webseed.tracker.TrackerFailure when the store cannot answer now (never a guess)
     */
    Optional<String> pathOf(InfoHash hash);
}
