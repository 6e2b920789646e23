package dev.webseed.publish;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicLong;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.metainfo.HashProgress;
import dev.webseed.metainfo.Layout;
import dev.webseed.metainfo.NamePolicy;
import dev.webseed.metainfo.PieceHasher;
import dev.webseed.metainfo.PieceLength;
import dev.webseed.metainfo.Torrent;

/**
 * One publication run: scan, check names, reuse the cache or hash, and make sure the files did not
 * change meanwhile (a file edited during hashing would publish hashes of neither version).
 */
final class Runner {
    private static final System.Logger LOG = System.getLogger(Publisher.class.getName());

    record Counters(AtomicLong bytesDone, AtomicLong bytesTotal) {
    }

    record Result(Publication publication, Layout layout) {
    }

    private final WebseedConfig config;
    private final Predicate<String> paid;
    private final ContentRoot content;
    private final Clock clock;
    private final PieceHasher hasher;
    private final HashCache cache;
    private final Slot slot;
    private final Counters counters;

    Runner(WebseedConfig config, Predicate<String> paid, ContentRoot content, Clock clock, PieceHasher hasher,
            HashCache cache, Slot slot, Counters counters) {
        this.config = config;
        this.paid = paid;
        this.content = content;
        this.clock = clock;
        this.hasher = hasher;
        this.cache = cache;
        this.slot = slot;
        this.counters = counters;
    }

    Result run(String relativePath, int attempts) {
        Path target = content.root().resolve(relativePath);
        String trouble = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Layout layout;
            try {
                layout = Layout.scan(target, content::isServable);
            } catch (IOException | RuntimeException e) {
                if (content.resolve(relativePath).isEmpty()) {
                    return new Result(new Publication.NotFound(relativePath), null);
                }
                return new Result(new Publication.Failed("cannot read " + relativePath + ": " + e.getMessage()), null);
            }
            Optional<String> problem = NamePolicy.problem(layout);
            if (problem.isPresent()) {
                return refused(relativePath + ": " + problem.get(), layout);
            }
            if (layout.files().isEmpty()) {
                return refused("folder " + relativePath + " has no files to publish", layout);
            }
            long total = layout.totalLength();
            if (total == 0) {
                return refused(relativePath + " is empty; a torrent needs at least one byte", layout);
            }
            long pieceLength = PieceLength.choose(config.get(Settings.PIECE_LENGTH), total);
            boolean privateFlag = privateFlag(relativePath);
            Optional<Torrent> cached = cache.load(relativePath, layout, pieceLength, privateFlag);
            if (cached.isPresent()) {
                LOG.log(Level.DEBUG, "{0}: reused cached hashes, info-hash {1}", relativePath,
                        cached.get().infoHash());
                return new Result(new Publication.Ready(cached.get()), layout);
            }
            byte[] pieces;
            try {
                pieces = hash(relativePath, layout, pieceLength, total);
            } catch (IOException e) {
                trouble = e.getMessage();
                if (layout.equals(scan(target))) {
                    return new Result(new Publication.Failed("cannot read " + relativePath + ": " + trouble), null);
                }
                continue; // changed under us: scan again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(new Publication.Failed("hashing of " + relativePath + " was interrupted"), null);
            }
            if (!layout.equals(scan(target))) {
                trouble = "files changed while hashing";
                LOG.log(Level.INFO, "{0} changed while hashing; hashing it again", relativePath);
                continue;
            }
            // whole seconds, as creation date is written, so a cached torrent renders byte-identically
            Torrent torrent = Torrent.create(layout, pieceLength, pieces, privateFlag,
                    clock.instant().truncatedTo(ChronoUnit.SECONDS));
            cache.store(relativePath, layout, torrent);
            LOG.log(Level.INFO, "published {0}: info-hash {1}", relativePath, torrent.infoHash());
            return new Result(new Publication.Ready(torrent), layout);
        }
        return new Result(new Publication.Failed(relativePath + " kept changing while it was hashed (" + trouble
                + "); it is tried again on a later request"), null);
    }

    /**
     * The publication of the files as they are now from the hash cache alone, on the calling
     * thread: empty when the path has no files or the cache has no entry for them as they are.
     */
    Optional<Result> cached(String relativePath) {
        Layout layout = scan(content.root().resolve(relativePath));
        if (layout == null || layout.totalLength() == 0) {
            return Optional.empty();
        }
        long pieceLength = PieceLength.choose(config.get(Settings.PIECE_LENGTH), layout.totalLength());
        return cache.load(relativePath, layout, pieceLength, privateFlag(relativePath))
                .map(torrent -> new Result(new Publication.Ready(torrent), layout));
    }

    /**
     * BEP 27: every publication the paygate protects is private (no DHT, PEX or LSD, peers only
     * from our tracker); set at publication, so the info-hash is the same for every buyer.
     */
    private boolean privateFlag(String relativePath) {
        return config.get(Settings.PRIVATE_TORRENTS) || paid.test(relativePath);
    }

    private static Result refused(String reason, Layout layout) {
        LOG.log(Level.WARNING, "not publishing {0}", reason);
        return new Result(new Publication.Unpublishable(reason), layout);
    }

    private byte[] hash(String relativePath, Layout layout, long pieceLength, long total)
            throws IOException, InterruptedException {
        slot.bytesDone.set(0);
        slot.bytesTotal.set(total);
        slot.quartileLogged.set(0);
        counters.bytesTotal().addAndGet(total);
        LOG.log(Level.INFO, "hashing {0}: 0% of {1} bytes, piece length {2}", relativePath, total, pieceLength);
        HashProgress progress = (done, all) -> {
            long before = slot.bytesDone.getAndAccumulate(done, Math::max);
            if (done > before) {
                counters.bytesDone().addAndGet(done - before);
            }
            int quartile = (int) (done * 4 / all);
            int logged = slot.quartileLogged.get();
            if (quartile > logged && slot.quartileLogged.compareAndSet(logged, quartile)) {
                LOG.log(Level.INFO, "hashing {0}: {1}% ({2} of {3} bytes)", relativePath, quartile * 25, done, all);
            }
        };
        try {
            return hasher.hash(layout.files(), pieceLength, progress);
        } finally {
            long rest = total - slot.bytesDone.get();
            if (rest > 0) {
                counters.bytesTotal().addAndGet(-rest); // abandoned: take the unhashed rest back out
            }
        }
    }

    private Layout scan(Path target) {
        try {
            return Layout.scan(target, content::isServable);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
