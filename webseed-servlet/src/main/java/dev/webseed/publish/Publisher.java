package dev.webseed.publish;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.paygate.HashIndex;
import dev.webseed.shared.PublishedTorrents;

/**
 * Publishes files and folders of the content root as torrents and keeps them current.
 *
 * <p>A publication is keyed by its relative path ({@code film.mkv}, {@code Season1},
 * {@code Season1/ep1.mkv}); the root itself is not publishable. {@link #request(String)} answers
 * at once with the {@link Publication} state and, the first time, queues a run on the background
 * executor (one run at a time, each hashing on {@code hashThreads} threads; never on the calling
 * thread). With {@code prehash} every top-level entry is queued at start.</p>
 *
 * <p>Results persist in the hash cache ({@link HashCache}): a restart with unchanged files hashes
 * nothing. A file that changed on disk (size or modification time, or a file added to or removed
 * from a folder) is never served under its old info-hash: every request and every {@link
 * #pathsOf} call re-checks the files (at most once a second per publication, by the injected
 * clock); a change withdraws the old info-hash at once and queues a new run.</p>
 *
 * <p>With several servers ({@link Builder#sharing}) every ready publication is recorded, without
 * waiting, in the registry they share, so every server's tracker knows it.</p>
 */
public final class Publisher implements HashIndex, AutoCloseable {
    /** How long a check that the files are unchanged is trusted. */
    static final long STAT_TTL_MILLIS = Slots.STAT_TTL_MILLIS;

    private final Slots slots;

    private Publisher(Builder b) {
        this.slots = new Slots(b.config, b.paid, b.content, b.clock, b.runs, b.registry);
    }

    /**
     * The publication of a relative path ({@code /}-separated, percent-decoded), starting or
     * refreshing it as needed. Never blocks on hashing; may stat the files (at most once a second).
     */
    public Publication request(String relativePath) {
        return slots.request(relativePath);
    }

    /** Stops hashing; pending publications complete as failed. */
    @Override
    public void close() {
        slots.close();
    }

    /** Configures a publisher of this content root; {@link Builder#start()} starts it. */
    public static Builder builder(WebseedConfig config, ContentRoot content) {
        return new Builder(config, content);
    }


    /** Like {@link #request(String)}, completing when the publication reaches a final state. */
    public CompletableFuture<Publication> await(String relativePath) {
        Publication now = request(relativePath);
        if (now.isFinal()) {
            return CompletableFuture.completedFuture(now);
        }
        Slot slot = slots.byPath.get(relativePath);
        if (slot == null) {
            return CompletableFuture.completedFuture(new Publication.NotFound(relativePath));
        }
        synchronized (slot) {
            return slot.state != null ? CompletableFuture.completedFuture(slot.state) : slot.done.copy();
        }
    }

    /** Completes when every run queued or hashing now has finished. */
    public CompletableFuture<Void> whenIdle() {
        List<CompletableFuture<Publication>> pending = slots.byPath.values().stream().map(e -> {
            synchronized (e) {
                return e.state == null ? e.done : null;
            }
        }).filter(Objects::nonNull).toList();
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }

    /**
     * The relative paths whose current publication has this info-hash, checked as in {@link
     * #request}. A publication not requested since start is found through the hash cache and
     * restored from it on this thread when its files are unchanged (no hashing), so whether a
     * swarm is ours, and paid, does not depend on what was requested since start.
     */
    @Override
    public List<String> pathsOf(InfoHash hash) {
        List<String> paths = new ArrayList<>(1);
        for (Slot slot : List.copyOf(slots.byHash.getOrDefault(hash, Set.of()))) {
            if (request(slot.path) instanceof Publication.Ready ready && ready.torrent().infoHash().equals(hash)) {
                paths.add(slot.path);
            }
        }
        if (paths.isEmpty() && !slots.closed) {
            for (String path : slots.cache.pathsOf(hash)) {
                if (slots.restore(path, hash)) {
                    paths.add(path);
                }
            }
        }
        return paths;
    }


    /**
     * The info-hashes of the ready publications of this path and of every folder above it, as last
     * seen in memory: no disk access and never a new run (the paygate asks this before it may touch
     * the file system).
     */
    @Override
    public Set<InfoHash> hashesCovering(String relativePath) {
        Set<InfoHash> hashes = new HashSet<>(4);
        String path = relativePath;
        while (!path.isEmpty()) {
            Slot slot = slots.byPath.get(path);
            if (slot != null) {
                synchronized (slot) {
                    if (slot.state instanceof Publication.Ready ready) {
                        hashes.add(ready.torrent().infoHash());
                    }
                }
            }
            int slash = path.lastIndexOf('/');
            path = slash < 0 ? "" : path.substring(0, slash);
        }
        return hashes;
    }

    /** Every publication known now, by relative path (states as last seen; no re-check). */
    public SortedMap<String, Publication> publications() {
        SortedMap<String, Publication> all = new TreeMap<>();
        slots.byPath.values().forEach(e -> {
            synchronized (e) {
                all.put(e.path, e.current());
            }
        });
        return all;
    }

    /** Hashing progress since start. */
    public Progress progress() {
        return new Progress(slots.bytesDone.get(), slots.bytesTotal.get(), slots.inFlight.get(),
                slots.byHash.values().stream().mapToInt(Set::size).sum());
    }









    /** Configures a {@link Publisher}; what is not set has a default. */
    public static final class Builder {
        private final WebseedConfig config;
        private final ContentRoot content;
        private Clock clock = Clock.systemUTC();
        private Executor runs;
        private Predicate<String> paid = path -> false;
        private PublishedTorrents registry = PublishedTorrents.NONE;

        private Builder(WebseedConfig config, ContentRoot content) {
            this.config = Objects.requireNonNull(config, "config");
            this.content = Objects.requireNonNull(content, "content");
        }

        /** Time for the stat checks and creation dates; tests pass a fake one. Default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Runs publications on this executor (tests release it by hand). Default: a thread of its own. */
        public Builder runs(Executor runs) {
            this.runs = Objects.requireNonNull(runs, "runs");
            return this;
        }

        /** Which paths are paid ({@code Paygate::isPaid}): their torrents are private (BEP 27). Default: none. */
        public Builder paid(Predicate<String> paid) {
            this.paid = Objects.requireNonNull(paid, "paid");
            return this;
        }

        /**
         * Records every torrent published here in the registry several servers share, so their
         * trackers know it before they hash it (README "Several servers"). Default: none.
         */
        public Builder sharing(PublishedTorrents registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Starts publishing; with {@code prehash} queues every top-level entry of the root. */
        public Publisher start() {
            Publisher publisher = new Publisher(this);
            if (config.get(Settings.PREHASH)) {
                for (Path top : content.topLevelEntries()) {
                    publisher.request(content.relativize(top));
                }
            }
            return publisher;
        }
    }
}
