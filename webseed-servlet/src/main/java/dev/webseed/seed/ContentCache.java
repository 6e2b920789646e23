package dev.webseed.seed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * What a range request needs to know about a path, kept for a short while: the resolved real path,
 * length and validators of a file (or the length of a pad). Without it every request would walk
 * the path ({@code realpath} is one {@code lstat} per segment) and {@code stat} the file again.
 *
 * <p>Entries expire {@code ttl} after they were looked up, measured on the injected clock, so a
 * file replaced or rewritten on disk gets its new length and entity tag within {@code ttl}; a
 * response that finds the file shorter than cached drops the entry at once. Only hits are kept: a
 * path that names nothing is looked up again each time, so a new file is served as soon as it
 * exists. A zero {@code ttl} turns the cache off.</p>
 */
final class ContentCache {
    private final Cache<String, SeedContent> cache;

    ContentCache(Duration ttl, Clock clock, long maxEntries) {
        if (ttl.isZero()) {
            this.cache = null;
        } else {
            Ticker ticker = () -> nanos(clock.instant());
            this.cache = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(ttl).maximumSize(maxEntries).build();
        }
    }

    /** The cached content of a joined relative path, if present and fresh. */
    Optional<SeedContent> get(String path) {
        return cache == null ? Optional.empty() : Optional.ofNullable(cache.getIfPresent(path));
    }

    void put(String path, SeedContent content) {
        if (cache != null) {
            cache.put(path, content);
        }
    }

    /** Forgets a path whose file turned out to be gone or changed. */
    void invalidate(String path) {
        if (cache != null) {
            cache.invalidate(path);
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
