package dev.webseed.tracker;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.metainfo.InfoHash;

/**
 * The HTTP tracker: announce (BEP 3, 7, 21, 23, 24) and scrape (BEP 48, 21) over a {@link
 * SwarmStore}. Container-free: it takes the raw query string and the socket address and returns
 * the bencoded body, which is always sent with HTTP 200 (bep-checklist §1.3 item 10, T2).
 *
 * <p>Only info-hashes this server publishes are tracked unless {@code trackerOpen}; anything
 * refused comes back as {@code failure reason} with {@code interval} and {@code min interval} set
 * to {@code refusalInterval}, because libtorrent otherwise waits 1800 s (§1.3 item 11, T3).</p>
 */
public final class Tracker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Tracker.class.getName());
    /** Announce has about a dozen parameters; allow room for unknown extensions. */
    private static final int MAX_ANNOUNCE_PARAMS = 32;

    private final Predicate<InfoHash> published;
    private final Clock clock;
    private final RandomGenerator random;
    private final SwarmStore store;
    private final Addresses addresses;
    private final boolean open;
    private final boolean ipParam;
    private final boolean fullScrape;
    private final int maxQuery;
    private final int maxScrapeHashes;
    private final int numwantDefault;
    private final int numwantMax;
    private final long interval;
    private final long minInterval;
    private final long sweepEveryMillis;
    private final String trackerId;
    private final byte[] refusalTail;
    private final AtomicLong nextSweep;
    private final SwarmGate gate;
    private volatile TrackerListener listener = TrackerListener.NONE;

    Tracker(WebseedConfig config, Predicate<InfoHash> published, Clock clock, RandomGenerator random,
            SwarmStore store) {
        this(config, published, clock, random, store, SwarmGate.OPEN);
    }

    Tracker(WebseedConfig config, Predicate<InfoHash> published, Clock clock, RandomGenerator random,
            SwarmStore store, SwarmGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.published = Objects.requireNonNull(published, "published");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.store = Objects.requireNonNull(store, "store");
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
        this.interval = config.get(Settings.ANNOUNCE_INTERVAL).toSeconds();
        this.minInterval = config.get(Settings.ANNOUNCE_MIN_INTERVAL).toSeconds();
        this.sweepEveryMillis = Math.max(1000, config.get(Settings.PEER_TIMEOUT).toMillis() / 4);
        this.trackerId = config.get(Settings.TRACKER_ID);
        long refusal = config.get(Settings.REFUSAL_INTERVAL).toSeconds();
        this.refusalTail = new Out(48).key("interval").integer(refusal).key("min interval").integer(refusal)
                .toByteArray();
        this.nextSweep = new AtomicLong(clock.millis() + sweepEveryMillis);
    }

    /**
     * A tracker with the in-memory store.
     *
     * @param published true for info-hashes this server publishes (ignored when {@code trackerOpen})
     * @param clock     time for expiry; tests pass a fake one
     */
    public static Tracker create(WebseedConfig config, Predicate<InfoHash> published, Clock clock) {
        // ThreadLocalRandom must be asked for in the thread that uses it
        return create(config, published, clock, () -> ThreadLocalRandom.current().nextLong());
    }

    /**
     * A tracker over another store, e.g. one shared by several origin servers (BEP 12: trackers
     * of one tier must share swarm state). The store expires peers by the same clock.
     */
    public static Tracker create(WebseedConfig config, Predicate<InfoHash> published, Clock clock,
            SwarmStore store) {
        return new Tracker(config, published, clock, () -> ThreadLocalRandom.current().nextLong(), store);
    }

    static Tracker create(WebseedConfig config, Predicate<InfoHash> published, Clock clock, RandomGenerator random) {
        return create(config, published, clock, random, SwarmGate.OPEN);
    }

    /**
     * A tracker with the in-memory store whose swarms are guarded by {@code gate} (the paygate):
     * an announce or scrape of a published info-hash is answered only when the gate admits it.
     */
    public static Tracker create(WebseedConfig config, Predicate<InfoHash> published, Clock clock, SwarmGate gate) {
        return create(config, published, clock, () -> ThreadLocalRandom.current().nextLong(), gate);
    }

    static Tracker create(WebseedConfig config, Predicate<InfoHash> published, Clock clock, RandomGenerator random,
            SwarmGate gate) {
        MemorySwarmStore store = new MemorySwarmStore(config.get(Settings.MAX_TORRENTS),
                config.get(Settings.MAX_PEERS_PER_TORRENT), config.get(Settings.PEER_TIMEOUT),
                !config.get(Settings.TRACKER_OPEN), random, clock.millis());
        return new Tracker(config, published, clock, random, store, gate);
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
            Query query = Query.parse(rawQuery, maxQuery, MAX_ANNOUNCE_PARAMS);
            byte[] client = addresses.client(remoteAddr, header);
            Requests.AnnounceRequest request = Requests.announce(query, client, ipParam, numwantDefault, numwantMax);
            Announce a = request.announce();
            if (!open && !published.test(a.infoHash())) {
                // T9: the access hook; an unknown hash is refused, not silently tracked
                throw new TrackerRefusal("unregistered torrent: this tracker serves only the torrents this server "
                        + "publishes");
            }
            // paygate (DESIGN.md, BEP 27): a refused announce never reaches the store, so the peer
            // lists of a protected swarm only ever hold peers that came with a valid token
            String refusal = gate == SwarmGate.OPEN ? null : gate.refusal(a.infoHash(), token(query));
            if (refusal != null) {
                throw new TrackerRefusal(refusal);
            }
            long now = clock.millis();
            AnnounceResult result = store.announce(a, now);
            listener.announced(a, request.downloaded());
            maybeSweep(now);
            return announceBody(request, result, client);
        } catch (TrackerRefusal refusal) {
            return failure(refusal.reason());
        }
    }

    /**
     * Answers {@code GET /scrape?info_hash=...&info_hash=...} (BEP 48). Every requested hash is
     * echoed, with zeros when unknown or not published, since libtorrent treats a missing entry
     * as an error (bep-checklist §1.6 item 4).
     */
    public byte[] scrape(String rawQuery) {
        try {
            // a fully escaped info_hash takes 71 characters: room for maxScrapeHashes of them
            Query query = Query.parse(rawQuery, Math.max(maxQuery, 72 * maxScrapeHashes + 256), maxScrapeHashes + 8);
            Requests.ScrapeRequest request = Requests.scrape(query, maxScrapeHashes);
            long now = clock.millis();
            TreeMap<InfoHash, SwarmCounts> files = new TreeMap<>();
            if (request.infoHashes().isEmpty()) {
                if (!fullScrape) {
                    // §1.6 item 6: full scrape is not in BEP 48 and is refused unless configured
                    throw new TrackerRefusal("scrape needs info_hash (full scrape is disabled)");
                }
                String token = gate == SwarmGate.OPEN ? null : token(query);
                store.forEach((hash, counts) -> {
                    // §1.6 item 6: a full scrape never lists a paid swarm the token does not open
                    if ((open || published.test(hash))
                            && (gate == SwarmGate.OPEN || gate.refusal(hash, token) == null)) {
                        files.put(hash, counts);
                    }
                });
            } else {
                String token = gate == SwarmGate.OPEN ? null : token(query);
                for (InfoHash hash : request.infoHashes()) {
                    // a protected swarm without a token that opens it is echoed with zeros, like an
                    // unknown hash: libtorrent fails a scrape that lacks a requested hash (§1.6 item 4),
                    // and zeros tell nothing, not even that the swarm exists
                    boolean shown = (open || published.test(hash))
                            && (gate == SwarmGate.OPEN || gate.refusal(hash, token) == null);
                    files.put(hash, shown ? store.counts(hash, now) : SwarmCounts.EMPTY);
                    if (shown) {
                        listener.scraped(hash);
                    }
                }
            }
            maybeSweep(now);
            return scrapeBody(files);
        } catch (TrackerRefusal refusal) {
            return failure(refusal.reason());
        }
    }

    /** The {@code token} query parameter as text (a token is base64url and dots), or null. */
    private static String token(Query query) {
        return query.single("token").map(v -> new String(v, StandardCharsets.ISO_8859_1)).orElse(null);
    }

    /** A bencoded refusal: {@code failure reason}, {@code interval}, {@code min interval} (T3). */
    public byte[] failure(String reason) {
        Out out = new Out(96).dict().key("failure reason").string(reason);
        byte[] head = out.toByteArray();
        byte[] body = new byte[head.length + refusalTail.length + 1];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(refusalTail, 0, body, head.length, refusalTail.length);
        body[body.length - 1] = 'e';
        return body;
    }

    /** Tells {@code listener} of every accepted announce and scraped swarm from now on (statistics). */
    public void listen(TrackerListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The swarm store (statistics; a shared store later). */
    public SwarmStore store() {
        return store;
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

    private byte[] announceBody(Requests.AnnounceRequest request, AnnounceResult r, byte[] client) {
        SwarmCounts c = r.counts();
        int peerBytes = r.peers4().length + r.peers6().length;
        Out out = new Out(160 + (request.compact() ? peerBytes : peerBytes * 8));
        // keys in raw byte order (BEP 3): complete, downloaded, external ip, incomplete, interval,
        // min interval, peers, peers6, tracker id
        out.dict().key("complete").integer(c.complete()).key("downloaded").integer(c.downloaded());
        out.key("external ip").bytes(client); // BEP 24: 4 or 16 raw bytes
        out.key("incomplete").integer(c.incomplete());
        // a little jitter spreads re-announces that started together (opentracker: 30 min +- 3 min)
        long jitter = interval >= 10 ? random.nextLong(interval / 10 + 1) : 0;
        out.key("interval").integer(interval + jitter).key("min interval").integer(minInterval);
        if (request.compact()) {
            out.key("peers").bytes(r.peers4()); // BEP 23
            out.key("peers6").bytes(r.peers6()); // BEP 7
        } else {
            out.key("peers").list(); // BEP 3 dictionary model; BEP 7: IPv6 in the ip string
            dictPeers(out, r.peers4(), r.peerIds4(), 4, request.noPeerId());
            dictPeers(out, r.peers6(), r.peerIds6(), 16, request.noPeerId());
            out.end();
        }
        if (!trackerId.isEmpty()) {
            out.key("tracker id").string(trackerId);
        }
        return out.end().toByteArray();
    }

    private static void dictPeers(Out out, byte[] compact, byte[] ids, int addressBytes, boolean noPeerId) {
        int entry = addressBytes + 2;
        for (int i = 0, p = 0; p < compact.length; i++, p += entry) {
            byte[] address = Arrays.copyOfRange(compact, p, p + addressBytes);
            int port = (compact[p + addressBytes] & 0xff) << 8 | (compact[p + addressBytes + 1] & 0xff);
            out.dict().key("ip").string(Addresses.text(address));
            if (!noPeerId && ids != null) {
                out.key("peer id").bytes(ids, i * 20, 20);
            }
            out.key("port").integer(port).end();
        }
    }

    private byte[] scrapeBody(TreeMap<InfoHash, SwarmCounts> files) {
        Out out = new Out(64 + files.size() * 90).dict().key("files").dict();
        for (var e : files.entrySet()) { // TreeMap of InfoHash: unsigned byte order, as BEP 3 wants
            SwarmCounts c = e.getValue();
            out.bytes(e.getKey().bytes()).dict()
                    .key("complete").integer(c.complete())
                    .key("downloaded").integer(c.downloaded())
                    .key("downloaders").integer(c.downloaders()) // BEP 21
                    .key("incomplete").integer(c.incomplete())
                    .end();
        }
        out.end();
        // de facto (bittorrent-tracker sends it, Transmission reads it): how often to scrape
        out.key("flags").dict().key("min_request_interval").integer(minInterval).end();
        return out.end().toByteArray();
    }
}
