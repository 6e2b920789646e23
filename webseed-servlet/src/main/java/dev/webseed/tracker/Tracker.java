package dev.webseed.tracker;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.metainfo.InfoHash;

/**
 * The HTTP tracker: announce (BEP 3, 7, 21, 23, 24) and scrape (BEP 48, 21) over a {@link
 * SwarmStore}. Container-free: it takes the raw query string and the socket address and returns
 * the bencoded body, which is always sent with HTTP 200 (docs/protocol.md T2).
 *
 * <p>Which swarms it serves, and to whom, it asks its {@link SwarmGate} once per info-hash: only
 * swarms the gate registers are tracked unless {@code trackerOpen}. Anything refused comes back
 * as {@code failure reason} with {@code interval} and {@code min interval} set to {@code
 * refusalInterval}, because libtorrent otherwise waits 1800 s (docs/protocol.md T3).</p>
 *
 * <pre>{@code
 * Tracker tracker = Tracker.builder(config, paygate.swarmGate()).clock(clock).build();
 * }</pre>
 */
public final class Tracker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Tracker.class.getName());
    /** Announce has about a dozen parameters; allow room for unknown extensions. */
    private static final int MAX_ANNOUNCE_PARAMS = 32;

    private final SwarmGate gate;
    private final String credential;
    private final Clock clock;
    private final RandomGenerator random;
    private final SwarmStore store;
    private final Addresses addresses;
    private final Answers answers;
    private final boolean open;
    private final boolean ipParam;
    private final boolean fullScrape;
    private final int maxQuery;
    private final int maxScrapeHashes;
    private final int numwantDefault;
    private final int numwantMax;
    private final long sweepEveryMillis;
    private final AtomicLong nextSweep;
    private final TrackerListener listener;

    private Tracker(Builder b) {
        WebseedConfig config = b.config;
        this.gate = b.gate;
        this.credential = gate.credentialParameter().orElse(null);
        this.clock = b.clock;
        this.random = b.random;
        this.listener = b.listener;
        try {
            this.addresses = new Addresses(config.get(Settings.TRUSTED_PROXIES));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Settings.TRUSTED_PROXIES.name(), e.getMessage());
        }
        this.open = config.get(Settings.TRACKER_OPEN);
        this.ipParam = config.get(Settings.ALLOW_IP_PARAMETER);
        this.fullScrape = config.get(Settings.FULL_SCRAPE);
        this.maxQuery = config.get(Settings.MAX_QUERY_BYTES);
        this.maxScrapeHashes = config.get(Settings.MAX_SCRAPE_HASHES);
        this.numwantDefault = config.get(Settings.NUMWANT_DEFAULT);
        this.numwantMax = config.get(Settings.NUMWANT_MAX);
        this.answers = new Answers(config.get(Settings.ANNOUNCE_INTERVAL).toSeconds(),
                config.get(Settings.ANNOUNCE_MIN_INTERVAL).toSeconds(),
                config.get(Settings.REFUSAL_INTERVAL).toSeconds(), config.get(Settings.TRACKER_ID));
        this.sweepEveryMillis = Math.max(1000, config.get(Settings.PEER_TIMEOUT).toMillis() / 4);
        this.store = b.store != null ? b.store
                : new MemorySwarmStore(config.get(Settings.MAX_TORRENTS), PeerLimits.of(config),
                        config.get(Settings.PEER_TIMEOUT), !open, random, clock.millis());
        this.nextSweep = new AtomicLong(clock.millis() + sweepEveryMillis);
    }

    /**
     * A tracker configured by the tracker settings, serving the swarms {@code gate} registers
     * (the paygate's {@code swarmGate()}, or {@link SwarmGate#publishing}).
     */
    public static Builder builder(WebseedConfig config, SwarmGate gate) {
        return new Builder(config, gate);
    }

    /**
     * Answers {@code GET /announce?...}.
     *
     * @param rawQuery   {@code getQueryString()}, never decoded by the container
     * @param remoteAddr {@code getRemoteAddr()}
     * @param header     header values by name, consulted only for a trusted proxy
     * @return the bencoded body: peers, or a failure reason
     */
    public byte[] announce(String rawQuery, String remoteAddr, Function<String, String> header) {
        try {
            return announceLater(rawQuery, remoteAddr, header).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * As {@link #announce}, without waiting for a store that answers later (a shared store): the
     * body comes when the store's answer does, on whichever thread brings it. With the in-memory
     * store it is there at once.
     */
    public CompletableFuture<byte[]> announceLater(String rawQuery, String remoteAddr, Function<String, String> header) {
        Requests.AnnounceRequest request;
        byte[] client;
        Announce a;
        try {
            Query query = Query.parse(rawQuery, maxQuery, MAX_ANNOUNCE_PARAMS, credential);
            client = addresses.client(remoteAddr, header);
            request = Requests.announce(query, client, ipParam, numwantDefault, numwantMax);
            a = request.announce();
            SwarmAccess access = gate.access(a.infoHash(), credential(query));
            if (access instanceof SwarmAccess.Unregistered && !open) {
                // T9: an unknown hash is refused, not silently tracked
                throw new TrackerFailure("unregistered torrent: this tracker serves only the torrents this server "
                        + "publishes");
            }
            // BEP 27: a denied announce never reaches the store, so the peer lists of a protected
            // swarm only ever hold peers the gate admitted
            if (access instanceof SwarmAccess.Denied denied) {
                throw new TrackerFailure(denied.reason());
            }
        } catch (TrackerFailure failure) {
            return CompletableFuture.completedFuture(answers.failure(failure.reason()));
        }
        long now = clock.millis();
        CompletableFuture<AnnounceResult> stored = store.announceLater(a, now);
        maybeSweep(now); // here, not in the answer's callback: a sweep may wait for the store
        return stored.handle((result, failure) -> {
            if (failure == null) {
                listener.announced(a, request.downloaded());
                return answers.announce(request, result, client, random);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof TrackerFailure refused) {
                return answers.failure(refused.reason());
            }
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        });
    }

    /**
     * Answers {@code GET /scrape?info_hash=...&info_hash=...} (BEP 48). Every requested hash is
     * echoed, with zeros when unknown, unregistered or denied, since libtorrent treats a missing
     * entry as an error (docs/protocol.md "Scrape"); zeros tell nothing, not even that a swarm exists.
     */
    public byte[] scrape(String rawQuery) {
        try {
            // a fully escaped info_hash takes 71 characters: room for maxScrapeHashes of them
            Query query = Query.parse(rawQuery, Math.max(maxQuery, 72 * maxScrapeHashes + 256), maxScrapeHashes + 8,
                    credential);
            Requests.ScrapeRequest request = Requests.scrape(query, maxScrapeHashes);
            String value = credential(query);
            long now = clock.millis();
            TreeMap<InfoHash, SwarmCounts> files = new TreeMap<>();
            if (request.infoHashes().isEmpty()) {
                if (!fullScrape) {
                    // full scrape is not in BEP 48 and is refused unless configured
                    throw new TrackerFailure("scrape needs info_hash (full scrape is disabled)");
                }
                // a full scrape never lists a swarm the request may not see
                store.forEach((hash, counts) -> {
                    if (shown(hash, value)) {
                        files.put(hash, counts);
                    }
                });
            } else {
                for (InfoHash hash : request.infoHashes()) {
                    boolean shown = shown(hash, value);
                    files.put(hash, shown ? store.counts(hash, now) : SwarmCounts.EMPTY);
                    if (shown) {
                        listener.scraped(hash);
                    }
                }
            }
            maybeSweep(now);
            return answers.scrape(files);
        } catch (TrackerFailure failure) {
            return answers.failure(failure.reason());
        }
    }

    private boolean shown(InfoHash hash, String value) {
        SwarmAccess access = gate.access(hash, value);
        return access instanceof SwarmAccess.Admitted || open && access instanceof SwarmAccess.Unregistered;
    }

    /** The gate's credential parameter as text, or null when absent or the gate reads none. */
    private String credential(Query query) {
        return credential == null ? null
                : query.single(credential).map(v -> new String(v, StandardCharsets.ISO_8859_1)).orElse(null);
    }

    /** A bencoded failure with this tracker's retry interval (docs/protocol.md T3). */
    public byte[] failure(String reason) {
        return answers.failure(reason);
    }

    /** A bencoded failure asking the client to retry after {@code retry}, for a server with no tracker. */
    public static byte[] failure(String reason, Duration retry) {
        return Answers.failure(reason, retry.toSeconds());
    }

    /** How many swarms and peers the store holds now (the operator's view). */
    public SwarmTotals totals() {
        return store.totals();
    }

    /** Every swarm with its counts, for the operator view's totals (one pass over the store). */
    public void forEachSwarm(java.util.function.BiConsumer<InfoHash, SwarmCounts> action) {
        store.forEach(action);
    }

    /** The counts of one swarm now, as a scrape that may see it reports them. */
    public SwarmCounts counts(InfoHash hash) {
        return store.counts(hash, clock.millis());
    }

    @Override
    public void close() {
        store.close();
    }

    /** One request thread at a time drops expired peers of swarms nobody touches any more. */
    private void maybeSweep(long now) {
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + sweepEveryMillis)) {
            try {
                store.expire(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "tracker expiry failed", e);
            }
        }
    }

    /** Configures a {@link Tracker}; what is not set comes from the settings or the defaults. */
    public static final class Builder {
        private final WebseedConfig config;
        private final SwarmGate gate;
        private Clock clock = Clock.systemUTC();
        // ThreadLocalRandom must be asked for in the thread that uses it
        private RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
        private SwarmStore store;
        private TrackerListener listener = TrackerListener.NONE;

        private Builder(WebseedConfig config, SwarmGate gate) {
            this.config = Objects.requireNonNull(config, "config");
            this.gate = Objects.requireNonNull(gate, "gate");
        }

        /** Time for expiry and sweeps; tests pass a fake one. Default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Swarm state kept elsewhere, e.g. shared by several origin servers (BEP 12: trackers of
         * one tier share state); it expires peers by the same clock. Default: in memory, bounded
         * by {@code maxTorrents} and {@code maxPeersPerTorrent}.
         */
        public Builder store(SwarmStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Told of every accepted announce and scraped swarm (statistics). Default: nobody. */
        public Builder listener(TrackerListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The source of interval jitter and peer picks (tests fix it). */
        Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** @throws ConfigException naming {@code trustedProxies} when it does not parse */
        public Tracker build() {
            return new Tracker(this);
        }
    }
}
