package dev.webseed.shared;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.webseed.metainfo.InfoHash;

/**
 * What the tracker's gate asks when this server publishes no torrent of an info-hash: the path
 * another server of the fleet published it at ({@link PublishedTorrents}), or none. Answers found
 * are kept here (an info-hash always names the same content, and entries are never withdrawn), at
 * most {@code maxEntries} of them, so a swarm costs one lookup per server; an info-hash nobody
 * published is asked each time, so a torrent is admitted as soon as any server has recorded it.
 * When the store cannot answer, the {@link dev.webseed.tracker.TrackerFailure} of {@link
 * PublishedTorrents#pathOf} reaches the tracker, which sends it as the {@code failure reason}.
 */
public final class PublishedElsewhere implements Function<InfoHash, List<String>> {
    private final PublishedTorrents registry;
    private final Cache<InfoHash, String> found;

    /** @param maxEntries answers kept (the tracker's {@code maxTorrents}: it keeps no more swarms) */
    public PublishedElsewhere(PublishedTorrents registry, long maxEntries) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.found = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
    }

    /** The path another server published this info-hash at: none or one. */
    @Override
    public List<String> apply(InfoHash hash) {
        String path = found.getIfPresent(hash);
        if (path == null) {
            Optional<String> stored = registry.pathOf(hash);
            if (stored.isEmpty()) {
                return List.of();
            }
            path = stored.get();
            found.put(hash, path);
        }
        return List.of(path);
    }
}
