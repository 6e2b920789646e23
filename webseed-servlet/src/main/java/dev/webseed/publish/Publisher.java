package dev.webseed.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.metainfo.Layout;
import dev.webseed.metainfo.PieceHasher;

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
 * #isPublished} call re-checks the files (at most once a second per publication, by the injected
 * clock); a change withdraws the old info-hash at once and queues a new run.</p>
 */
public final class Publisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Publisher.class.getName());
    /** How long a check that the files are unchanged is trusted. */
    static final long STAT_TTL_MILLIS = 1000;
    /** How long a failed run is trusted before a request tries again. */
    static final long FAILED_RETRY_MILLIS = 60_000;
    private static final int ATTEMPTS = 3;

    private final WebseedConfig config;
    private final ContentRoot content;
    private final Clock clock;
    private final Executor runs;
    private final ExecutorService ownRuns;
    private final PieceHasher hasher;
    private final HashCache cache;
    private final int maxQueued;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    // several paths may hold identical bytes under the same name (a trailer in two folders): one hash, many entries
    private final ConcurrentHashMap<InfoHash, Set<Entry>> published = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong bytesTotal = new AtomicLong();
    private volatile boolean closed;

    private Publisher(WebseedConfig config, ContentRoot content, Clock clock, Executor runs) {
        this.config = config;
        this.content = content;
        this.clock = clock;
        if (runs == null) {
            this.ownRuns = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "webseed-publisher");
                t.setDaemon(true);
                return t;
            });
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

    /** Starts publishing; with {@code prehash} queues every top-level entry of the root. */
    public static Publisher start(WebseedConfig config, ContentRoot content, Clock clock) {
        return start(config, content, clock, null);
    }

    /**
     * Starts publishing with runs executed by {@code runs} (tests pass an executor they release by
     * hand); {@code null} means a background thread of the publisher's own.
     */
    public static Publisher start(WebseedConfig config, ContentRoot content, Clock clock, Executor runs) {
        Publisher publisher = new Publisher(Objects.requireNonNull(config), Objects.requireNonNull(content),
                Objects.requireNonNull(clock), runs);
        if (config.get(Settings.PREHASH)) {
            for (Path top : content.topLevelEntries()) {
                publisher.request(content.relativize(top));
            }
        }
        return publisher;
    }

    /**
     * The publication of a relative path ({@code /}-separated, percent-decoded), starting or
     * refreshing it as needed. Never blocks on hashing; may stat the files (at most once a second).
     */
    public Publication request(String relativePath) {
        Objects.requireNonNull(relativePath, "relativePath");
        if (relativePath.isEmpty() || content.resolve(relativePath).isEmpty()) {
            Entry gone = entries.remove(relativePath);
            if (gone != null) {
                synchronized (gone) {
                    withdraw(gone);
                    gone.generation++;
                    gone.done.complete(new Publication.NotFound(relativePath));
                }
            }
            return new Publication.NotFound(relativePath);
        }
        Entry entry = entries.computeIfAbsent(relativePath, Entry::new);
        synchronized (entry) {
            refresh(entry);
            return entry.current();
        }
    }

    /** Like {@link #request(String)}, completing when the publication reaches a final state. */
    public CompletableFuture<Publication> await(String relativePath) {
        Publication now = request(relativePath);
        if (now.isFinal()) {
            return CompletableFuture.completedFuture(now);
        }
        Entry entry = entries.get(relativePath);
        if (entry == null) {
            return CompletableFuture.completedFuture(new Publication.NotFound(relativePath));
        }
        synchronized (entry) {
            return entry.state != null ? CompletableFuture.completedFuture(entry.state) : entry.done.copy();
        }
    }

    /** Completes when every run queued or hashing now has finished. */
    public CompletableFuture<Void> whenIdle() {
        List<CompletableFuture<Publication>> pending = entries.values().stream().map(e -> {
            synchronized (e) {
                return e.state == null ? e.done : null;
            }
        }).filter(Objects::nonNull).toList();
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }

    /**
     * True only when {@code hash} is the info-hash of a publication that is current now (checked as
     * in {@link #request}). Cheap enough for every tracker announce.
     */
    public boolean isPublished(InfoHash hash) {
        Set<Entry> holders = published.get(hash);
        if (holders == null) {
            return false;
        }
        for (Entry entry : List.copyOf(holders)) {
            if (request(entry.path) instanceof Publication.Ready ready && ready.torrent().infoHash().equals(hash)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The relative paths whose current publication has this info-hash (usually one; several when
     * identical files share a name in two folders). Checked as in {@link #isPublished}.
     */
    public List<String> pathsOf(InfoHash hash) {
        Set<Entry> holders = published.get(hash);
        if (holders == null) {
            return List.of();
        }
        List<String> paths = new ArrayList<>(1);
        for (Entry entry : List.copyOf(holders)) {
            if (request(entry.path) instanceof Publication.Ready ready && ready.torrent().infoHash().equals(hash)) {
                paths.add(entry.path);
            }
        }
        return paths;
    }

    /**
     * The info-hashes of the ready publications of this path and of every folder above it, as last
     * seen in memory: no disk access and never a new run (the paygate asks this before it may touch
     * the file system). A publication not requested since start (nor prehashed) is not known here.
     */
    public Set<InfoHash> readyHashesCovering(String relativePath) {
        Set<InfoHash> hashes = new HashSet<>(4);
        String path = relativePath;
        while (!path.isEmpty()) {
            Entry entry = entries.get(path);
            if (entry != null) {
                synchronized (entry) {
                    if (entry.state instanceof Publication.Ready ready) {
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
        entries.values().forEach(e -> {
            synchronized (e) {
                all.put(e.path, e.current());
            }
        });
        return all;
    }

    /** Hashing progress since start. */
    public Progress progress() {
        return new Progress(bytesDone.get(), bytesTotal.get(), inFlight.get(),
                published.values().stream().mapToInt(Set::size).sum());
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
            PieceHasher.awaitStop(ownRuns, "webseed-publisher");
        }
        entries.values().forEach(e -> {
            synchronized (e) {
                if (e.state == null) {
                    finish(e, e.generation, new Publication.Failed("webseed is shutting down"), null);
                }
            }
        });
    }

    /** Brings the entry up to date with the disk. Caller holds the entry's lock. */
    private void refresh(Entry entry) {
        if (entry.state == null && entry.generation > 0) {
            return; // a run is queued or hashing
        }
        long now = clock.millis();
        if (entry.state != null) {
            long trusted = entry.state instanceof Publication.Failed ? FAILED_RETRY_MILLIS : STAT_TTL_MILLIS;
            if (now - entry.checkedAt < trusted) {
                return;
            }
            if (entry.layout != null && entry.layout.equals(scanQuietly(entry.path))) {
                entry.checkedAt = now;
                return;
            }
            LOG.log(Level.INFO, "{0} changed on disk; publishing it again", entry.path);
        }
        withdraw(entry);
        if (inFlight.get() >= maxQueued) {
            entry.state = new Publication.Busy(maxQueued + " publications are already queued (maxQueuedPublications)");
            entry.layout = null;
            entry.checkedAt = Long.MIN_VALUE / 2; // try again on the next request
            return;
        }
        entry.state = null;
        entry.layout = null;
        entry.bytesDone.set(0);
        entry.bytesTotal.set(0);
        entry.quartileLogged.set(-1);
        entry.done = new CompletableFuture<>();
        int generation = ++entry.generation;
        inFlight.incrementAndGet();
        try {
            runs.execute(() -> run(entry, generation));
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            finish(entry, generation, new Publication.Failed("webseed is shutting down"), null);
        }
    }

    /** Takes the entry's info-hash off the published list. Caller holds the entry's lock. */
    private void withdraw(Entry entry) {
        if (entry.state instanceof Publication.Ready ready) {
            published.computeIfPresent(ready.torrent().infoHash(), (hash, holders) -> {
                holders.remove(entry);
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
    private void run(Entry entry, int generation) {
        Publication result;
        Layout layout = null;
        try {
            if (closed) {
                result = new Publication.Failed("webseed is shutting down");
            } else {
                Runner.Result r = new Runner(config, content, clock, hasher, cache, entry,
                        new Runner.Counters(bytesDone, bytesTotal)).run(entry.path, ATTEMPTS);
                result = r.publication();
                layout = r.layout();
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "publishing " + entry.path + " failed", e);
            result = new Publication.Failed("internal error: " + e);
        }
        inFlight.decrementAndGet(); // before completing, so whoever awaits sees the count drop
        finishLocked(entry, generation, result, layout);
    }

    private void finishLocked(Entry entry, int generation, Publication result, Layout layout) {
        synchronized (entry) {
            finish(entry, generation, result, layout);
        }
    }

    /** Records the result of a run unless a later run replaced it. Caller holds the entry's lock. */
    private void finish(Entry entry, int generation, Publication result, Layout layout) {
        if (entry.generation != generation || entry.state != null) {
            return;
        }
        entry.state = result;
        entry.layout = layout;
        entry.checkedAt = clock.millis();
        if (result instanceof Publication.Ready ready && entries.get(entry.path) == entry) {
            published.computeIfAbsent(ready.torrent().infoHash(), hash -> ConcurrentHashMap.newKeySet()).add(entry);
        }
        if (result instanceof Publication.NotFound) {
            entries.remove(entry.path, entry);
        }
        entry.done.complete(result);
    }
}
