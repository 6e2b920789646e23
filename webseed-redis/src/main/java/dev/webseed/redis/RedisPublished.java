package dev.webseed.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Optional;
import java.util.concurrent.CompletionStage;


import dev.webseed.metainfo.InfoHash;
import dev.webseed.shared.PublishedTorrents;
import dev.webseed.tracker.TrackerFailure;

/**
 * The torrents published by every server, in Redis: {@code P pub} is a hash, info-hash in hex
 * (v1, BEP 3: the publisher makes v1 torrents) -> the relative path it was published at, UTF-8.
 * {@code HSET} when a server has published a torrent (the same field and value again change
 * nothing), {@code HGET} when a server's tracker meets an info-hash it does not publish itself.
 * No expiry.
 *
 * <p>Size: one field per torrent ever published (about 100 bytes with its path); a file changed
 * on disk adds its new info-hash beside the old one. Entries are never removed: an entry whose
 * path was renamed or deleted, or whose file has new bytes, still admits its swarm on every
 * tracker (paid or free by the recorded path), which hands out only peers; the web seed checks
 * the files themselves and never serves old bytes. To prune, {@code DEL P pub} while the servers
 * run: each records its torrents again when they are next requested or announced there (and after
 * a restart). One path per info-hash, the last recorded: identical files (same name, same bytes) at
 * two paths make one entry, and a server that publishes neither asks a token for that path.</p>
 *
 * <p>Redis away: a record is not waited for (the publisher tries again on a later request); a
 * lookup is refused with a {@code failure reason}, never answered by a guess.</p>
 */
final class RedisPublished implements PublishedTorrents {
    private final RedisLink redis;
    private final byte[] key;

    RedisPublished(RedisLink redis, String prefix) {
        this.redis = redis;
        this.key = RedisLink.bytes(prefix + "pub");
    }

    @Override
    public CompletionStage<Boolean> record(InfoHash hash, String relativePath) {
        // not waited for: the publisher may call from a request thread, which must not wait on Redis
        return redis.<Boolean>sendCommand("record of a published torrent",
                r -> r.hset(key, RedisLink.bytes(hash.hex()), relativePath.getBytes(UTF_8)))
                .handle((added, failure) -> failure == null);
    }

    @Override
    public Optional<String> pathOf(InfoHash hash) {
        try {
            byte[] path = redis.call(r -> r.hget(key, RedisLink.bytes(hash.hex())));
            return path == null ? Optional.empty() : Optional.of(new String(path, UTF_8));
        } catch (RedisLink.Unavailable e) {
            throw new TrackerFailure(TrackerFailure.STATE_UNAVAILABLE);
        }
    }
}
