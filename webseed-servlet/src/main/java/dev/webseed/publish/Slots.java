package dev.webseed.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.metainfo.Layout;
import dev.webseed.metainfo.OwnThreads;
import dev.webseed.metainfo.PieceHasher;
import dev.webseed.shared.PublishedTorrents;

/**
 * The {@link Slot} of every requested path and the runs that bring them up to date with the disk:
 * the state machine behind {@link Publisher}. Runs go to the executor one at a time; results are
 * recorded under the slot's lock unless a later run replaced them.
 */
final class Slots implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Publisher.class.getName());
    /** How long a check that the files are unchanged is trusted. */
    static final long STAT_TTL_MILLIS = 1000;
    /** How long a failed run is trusted before a request tries again. */
    static final long FAILED_RETRY_MILLIS = 60_000;
    private static final int ATTEMPTS = 3;

    private final WebseedConfig config;
    private final Predicate<String> paid;
    private final Recorder recorder;
    private final ContentRoot content;
    private final Clock clock;
    private final Executor runs;
    private final ExecutorService ownRuns;
    private final OwnThreads ownThreads = new OwnThreads("webseed-publisher", false, Thread.NORM_PRIORITY);
    private final PieceHasher hasher;
    final HashCache cache;
    private final int maxQueued;
    final ConcurrentHashMap<String, Slot> byPath = new ConcurrentHashMap<>();
    // several paths may hold identical bytes under the same name (a trailer in two folders): one hash, many slots
    final ConcurrentHashMap<InfoHash, Set<Slot>> byHash = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong bytesDone = new AtomicLong();
    final AtomicLong bytesTotal = new AtomicLong();
    volatile boolean closed;

    Slots(WebseedConfig config, Predicate<String> paid, ContentRoot content, Clock clock, Executor runs,
            PublishedTorrents registry) {
        this.config = config;
        this.paid = paid;
        this.recorder = new Recorder(registry, clock);
        this.content = content;
        this.clock = clock;
        if (runs == null) {
            this.ownRuns = Executors.newSingleThreadExecutor(ownThreads);
            this.runs = ownRuns;
        } else {
            this.ownRuns = null;
            this.runs = runs;
        }
        this.hasher = new PieceHasher(config.get(Settings.HASH_THREADS));
        this.maxQueued = config.get(Settings.MAX_QUEUED_PUBLICATIONS);
        try {
            this.cache = new HashCache(content.cacheDir());
        } catch (IOException e) {
            hasher.close();
            throw new UncheckedIOException("cannot create the hash cache in " + content.cacheDir(), e);
        }
    }

    /** {@link Publisher#request}. */
    Publication request(String relativePath) {
        Objects.requireNonNull(relativePath, "relativePath");
        if (relativePath.isEmpty() || content.resolve(relativePath).isEmpty()) {
            Slot gone = byPath.remove(relativePath);
            if (gone != null) {
                synchronized (gone) {
                    withdraw(gone);
                    gone.generation++;
                    gone.done.complete(new Publication.NotFound(relativePath));
                }
            }
            return new Publication.NotFound(relativePath);
        }
        Slot slot = byPath.computeIfAbsent(relativePath, Slot::new);
        Publication now;
        synchronized (slot) {
            refresh(slot);
            now = slot.current();
        }
        recorder.share(slot, now); // again if the last try failed: Redis was away
        return now;
    }

    /** Installs the cached publication of a path nobody asked for yet, if it still has this hash. */
    boolean restore(String relativePath, InfoHash hash) {
        if (content.resolve(relativePath).isEmpty()) {
            return false;
        }
        Slot slot = byPath.computeIfAbsent(relativePath, Slot::new);
        Publication.Ready restored;
        synchronized (slot) {
            if (slot.state != null || slot.generation > 0) {
                return false; // requested before: a run is on its way, or its state was current
            }
            Optional<Runner.Result> cached = runner(slot).cached(relativePath);
            if (cached.isEmpty() || !(cached.get().publication() instanceof Publication.Ready ready)
                    || !ready.torrent().infoHash().equals(hash)) {
                byPath.remove(relativePath, slot);
                return false;
            }
            restored = ready;
            finish(slot, ++slot.generation, ready, cached.get().layout());
        }
        recorder.share(slot, restored);
        return true;
    }

    /**
     * Stops hashing and waits for the threads this publisher started to end (a container's stop
     * must not find them running); pending publications complete as failed.
     */
    @Override
    public void close() {
        closed = true;
        if (ownRuns != null) {
            ownRuns.shutdownNow();
        }
        hasher.close();
        if (ownRuns != null) {
            ownThreads.awaitStop(ownRuns);
        }
        byPath.values().forEach(e -> {
            synchronized (e) {
                if (e.state == null) {
                    finish(e, e.generation, new Publication.Failed("webseed is shutting down"), null);
                }
            }
        });
    }

    /** Brings the slot up to date with the disk. Caller holds the slot's lock. */
    private void refresh(Slot slot) {
        if (slot.state == null && slot.generation > 0) {
            return; // a run is queued or hashing
        }
        long now = clock.millis();
        if (slot.state != null) {
            long trusted = slot.state instanceof Publication.Failed ? FAILED_RETRY_MILLIS : STAT_TTL_MILLIS;
            if (now - slot.checkedAt < trusted) {
                return;
            }
            if (slot.layout != null && slot.layout.equals(scanQuietly(slot.path))) {
                slot.checkedAt = now;
                return;
            }
            LOG.log(Level.INFO, "{0} changed on disk; publishing it again", slot.path);
        }
        withdraw(slot);
        if (inFlight.get() >= maxQueued) {
            slot.state = new Publication.Busy(maxQueued + " publications are already queued (maxQueuedPublications)");
            slot.layout = null;
            slot.checkedAt = Long.MIN_VALUE / 2; // try again on the next request
            return;
        }
        slot.state = null;
        slot.layout = null;
        slot.bytesDone.set(0);
        slot.bytesTotal.set(0);
        slot.quartileLogged.set(-1);
        slot.done = new CompletableFuture<>();
        int generation = ++slot.generation;
        inFlight.incrementAndGet();
        try {
            runs.execute(() -> run(slot, generation));
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            finish(slot, generation, new Publication.Failed("webseed is shutting down"), null);
        }
    }

    /** Takes the slot's info-hash off the published list. Caller holds the slot's lock. */
    private void withdraw(Slot slot) {
        if (slot.state instanceof Publication.Ready ready) {
            byHash.computeIfPresent(ready.torrent().infoHash(), (hash, holders) -> {
                holders.remove(slot);
                return holders.isEmpty() ? null : holders;
            });
        }
    }

    private Layout scanQuietly(String relativePath) {
        try {
            return Layout.scan(content.root().resolve(relativePath), content::isServable);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** One publication run, on the runs executor. */
    private void run(Slot slot, int generation) {
        Publication result;
        Layout layout = null;
        try {
            if (closed) {
                result = new Publication.Failed("webseed is shutting down");
            } else {
                Runner.Result r = runner(slot).run(slot.path, ATTEMPTS);
                result = r.publication();
                layout = r.layout();
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "publishing " + slot.path + " failed", e);
            result = new Publication.Failed("internal error: " + e);
        }
        inFlight.decrementAndGet(); // before completing, so whoever awaits sees the count drop
        if (finishLocked(slot, generation, result, layout)) {
            recorder.share(slot, result);
        }
    }

    private Runner runner(Slot slot) {
        return new Runner(config, paid, content, clock, hasher, cache, slot, new Runner.Counters(bytesDone, bytesTotal));
    }

    private boolean finishLocked(Slot slot, int generation, Publication result, Layout layout) {
        synchronized (slot) {
            return finish(slot, generation, result, layout);
        }
    }

    /**
     * Records the result of a run unless a later run replaced it (then false). Caller holds the
     * slot's lock.
     */
    private boolean finish(Slot slot, int generation, Publication result, Layout layout) {
        if (slot.generation != generation || slot.state != null) {
            return false;
        }
        slot.state = result;
        slot.layout = layout;
        slot.checkedAt = clock.millis();
        if (result instanceof Publication.Ready ready && byPath.get(slot.path) == slot) {
            byHash.computeIfAbsent(ready.torrent().infoHash(), hash -> ConcurrentHashMap.newKeySet()).add(slot);
        }
        if (result instanceof Publication.NotFound) {
            byPath.remove(slot.path, slot);
        }
        slot.done.complete(result);
        return true;
    }
}
