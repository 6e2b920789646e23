package dev.webseed.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of Webseed, in one place. The README table, the example web.xml, the Jetty
 * {@code [ini-template]} and the command-line help are all written from this list.
 *
 * <p>Every limit is a named setting with a documented default (the Netty decoder-config idea).</p>
 */
public final class Settings {
    private static final Map<String, Setting<?>> BY_NAME = new LinkedHashMap<>();

    // --- content and publication -------------------------------------------------------------

    public static final Setting<Path> CONTENT_ROOT = define("contentRoot", Path.class, Values::path, null,
            "(required; the embedded server uses ./content)",
            "Folder whose files and folders are published as torrents and served as webseed.");
    public static final Setting<URI> PUBLIC_URL = define("publicUrl", URI.class, Values::baseUrl, null,
            "(derived from each .torrent request)",
            "Absolute base URL of this web application as clients reach it, e.g. https://films.example.com/; "
                    + "url-list, announce and magnet links are built from it.");
    public static final Setting<URI> ANNOUNCE_URL = define("announceUrl", URI.class, Values::url, null,
            "(publicUrl + announce)",
            "Tracker URL written into torrents; set it when the tracker runs elsewhere.");
    public static final Setting<Path> CACHE_DIR = define("cacheDir", Path.class, Values::path, null,
            "(contentRoot/.webseed)",
            "Folder for persisted piece hashes; never served.");
    public static final Setting<Long> PIECE_LENGTH = define("pieceLength", Long.class,
            text -> text.equalsIgnoreCase("auto") ? 0L
                    : Values.powerOfTwo(Values.sizeIn(16 << 10, 64L << 20).apply(text)),
            length -> length == 0L ? "auto" : String.valueOf(length), 0L, null,
            "Piece length in bytes (a power of two, 16k to 64m), or auto to aim at about 1,500 pieces.");
    public static final Setting<Integer> HASH_THREADS = define("hashThreads", Integer.class, Values.intIn(1, 256),
            Runtime.getRuntime().availableProcessors(), "(number of cores)",
            "Threads hashing pieces in the background.");
    public static final Setting<Boolean> PREHASH = define("prehash", Boolean.class, Values::bool, true,
            "Hash every top-level file and folder of contentRoot at start-up, so their torrents are ready.");
    public static final Setting<Integer> MAX_QUEUED_PUBLICATIONS = define("maxQueuedPublications", Integer.class,
            Values.intIn(1, 1_000_000), 10_000,
            "Most torrents waiting to be hashed at once; a .torrent request beyond that is answered 503 (busy).");
    public static final Setting<Duration> TORRENT_WAIT = define("torrentWait", Duration.class,
            Values.durationIn(Duration.ZERO, Duration.ofMinutes(10)), Duration.ofSeconds(60),
            "How long a .torrent or magnet request waits for its hashing to finish before it is answered 503 with Retry-After.");
    public static final Setting<Boolean> FOLLOW_SYMLINKS = define("followSymlinks", Boolean.class, Values::bool,
            false, "Serve symbolic links whose target lies outside contentRoot.");
    public static final Setting<Boolean> PRIVATE_TORRENTS = define("privateTorrents", Boolean.class, Values::bool,
            false, "Set the BEP 27 private flag on every published torrent (no DHT, PEX or LSD).");

    // --- webseed (BEP 19) --------------------------------------------------------------------

    public static final Setting<Integer> MAX_RANGES = define("maxRanges", Integer.class, Values.intIn(1, 1024), 16,
            "Most byte ranges one request may ask for after overlapping ranges are merged; more is 416.");
    public static final Setting<Integer> MAX_PATH_BYTES = define("maxPathBytes", Integer.class,
            Values.intIn(64, 65536), 4096, "Longest webseed or torrent path accepted (decoded bytes).");
    public static final Setting<String> CORS_ALLOW_ORIGIN = define("corsAllowOrigin", String.class, Values::text,
            "*", "Access-Control-Allow-Origin for browser clients (WebTorrent); empty switches CORS off.");
    public static final Setting<Duration> CORS_MAX_AGE = define("corsMaxAge", Duration.class,
            Values.durationIn(Duration.ZERO, Duration.ofDays(1)), Duration.ofMinutes(10),
            "How long browsers may cache a CORS preflight answer.");

    // --- origin egress (dev.webseed.origin: the swarm carries the film) -----------------------

    public static final Setting<Long> WEBSEED_MAX_RATE = define("webseedMaxRate", Long.class,
            Values.rateOrZero(16_000, 1_000_000_000_000L), 0L,
            "Bytes per second for all web seed responses together, e.g. 12MB or 100mbit (decimal units); "
                    + "bytes never sent before go first and repeats use what is left, so peers trade the rest. "
                    + "Responses are paced, never refused. 0: unlimited.");
    public static final Setting<Integer> WEBSEED_REPEAT_SHARE = define("webseedRepeatShare", Integer.class,
            Values.intIn(1, 100), 25,
            "Percent of webseedMaxRate that bytes the origin sent before may use when no first copy waits "
                    + "behind them and the tracker shows a swarm that has them; 100 lets repeats use the whole "
                    + "budget whenever it is idle.");
    public static final Setting<Duration> WEBSEED_ALONE_WINDOW = define("webseedAloneWindow", Duration.class,
            Values.durationIn(Duration.ofSeconds(1), Duration.ofMinutes(10)), Duration.ofSeconds(5),
            "How long one client must have been the only one pulling from the web seed (no two responses at "
                    + "once) before its repeats are not held to webseedRepeatShare, whatever the tracker lists: "
                    + "peers that vanish without a 'stopped' announce stay listed for peerTimeout.");
    public static final Setting<Long> WEBSEED_RECORD_MAX_BYTES = define("webseedRecordMaxBytes", Long.class,
            Values.sizeIn(0, 1L << 34), bytes -> bytes % (1 << 20) == 0 ? (bytes >> 20) + "m" : String.valueOf(bytes),
            64L << 20, null,
            "Memory for the record of which 16 KiB blocks of each file the origin already sent (one bit a "
                    + "block: 64m covers 8 TiB); beyond it the least recently served file's record is dropped.");

    // --- tracker (BEP 3, 7, 21, 23, 24, 48) --------------------------------------------------

    public static final Setting<Boolean> TRACKER_ENABLED = define("trackerEnabled", Boolean.class, Values::bool,
            true, "Run the tracker at /announce and /scrape and put it in published torrents.");
    public static final Setting<Boolean> TRACKER_OPEN = define("trackerOpen", Boolean.class, Values::bool, false,
            "Track any info-hash, not only torrents this server publishes.");
    public static final Setting<Duration> ANNOUNCE_INTERVAL = define("announceInterval", Duration.class,
            Values.durationIn(Duration.ofSeconds(10), Duration.ofHours(6)), Duration.ofMinutes(30),
            "Announce interval sent to clients (a little jitter is added).");
    public static final Setting<Duration> ANNOUNCE_MIN_INTERVAL = define("announceMinInterval", Duration.class,
            Values.durationIn(Duration.ofSeconds(1), Duration.ofHours(6)), Duration.ofMinutes(5),
            "min interval sent to clients.");
    public static final Setting<Duration> REFUSAL_INTERVAL = define("refusalInterval", Duration.class,
            Values.durationIn(Duration.ofSeconds(1), Duration.ofHours(1)), Duration.ofMinutes(1),
            "interval sent with a failure reason, so a refused client comes back soon.");
    public static final Setting<Duration> PEER_TIMEOUT = define("peerTimeout", Duration.class,
            Values.durationIn(Duration.ofSeconds(10), Duration.ofDays(1)), Duration.ofMinutes(45),
            "A peer that has not announced for this long is dropped.");
    public static final Setting<Integer> NUMWANT_DEFAULT = define("numwantDefault", Integer.class,
            Values.intIn(0, 10_000), 50, "Peers returned when the client does not send numwant.");
    public static final Setting<Integer> NUMWANT_MAX = define("numwantMax", Integer.class, Values.intIn(0, 10_000),
            50, "Most peers returned in one announce, whatever numwant asks.");
    public static final Setting<Integer> MAX_TORRENTS = define("maxTorrents", Integer.class,
            Values.intIn(1, 100_000_000), 100_000, "Most swarms the tracker keeps.");
    public static final Setting<Integer> MAX_PEERS_PER_TORRENT = define("maxPeersPerTorrent", Integer.class,
            Values.intIn(1, 100_000_000), 100_000, "Most peers kept in one swarm.");
    public static final Setting<Integer> MAX_PEERS_PER_ADDRESS = define("maxPeersPerAddress", Integer.class,
            Values.intIn(1, 100_000_000), 32,
            "Most peers of one IPv4 address or IPv6 /64 kept in one swarm; a full swarm drops a crowded address's peer for a newcomer.");
    public static final Setting<Integer> MAX_QUERY_BYTES = define("maxQueryBytes", Integer.class,
            Values.intIn(64, 65536), 4096, "Longest announce or scrape query string accepted.");
    public static final Setting<Integer> MAX_SCRAPE_HASHES = define("maxScrapeHashes", Integer.class,
            Values.intIn(1, 10_000), 64, "Most info_hash values in one scrape.");
    public static final Setting<Boolean> FULL_SCRAPE = define("fullScrape", Boolean.class, Values::bool, false,
            "Answer a scrape without info_hash with every swarm (BEP 48 leaves it optional).");
    public static final Setting<List<String>> TRUSTED_PROXIES = defineList("trustedProxies", "(none)",
            "Comma-separated addresses or CIDR networks whose X-Forwarded-For / Forwarded headers are believed.");
    public static final Setting<Boolean> ALLOW_IP_PARAMETER = define("allowIpParameter", Boolean.class,
            Values::bool, false, "Believe the announce ip= parameter (off: the socket address is used).");
    public static final Setting<String> TRACKER_ID = define("trackerId", String.class, Values::text, "", "(none)",
            "Value sent as the announce 'tracker id' (BEP 3 extension clients echo as trackerid); empty sends none.");

    // --- paygate (signed tokens; see dev.webseed.paygate) ----------------------------------

    public static final Setting<Path> PAYGATE_PUBLIC_KEYS = define("paygatePublicKeys", Path.class, Values::path,
            null, "(none: no Ed25519 tokens accepted)",
            "PEM file with one or more Ed25519 public keys (-----BEGIN PUBLIC KEY-----) whose tokens are "
                    + "accepted; several keys are live at once, chosen by the token's kid.");
    @SuppressWarnings("unchecked")
    public static final Setting<List<String>> PAYGATE_PROTECT = define("paygateProtect",
            (Class<List<String>>) (Class<?>) List.class, Values::protectList, List.of(), "(none)",
            "Comma-separated content path prefixes that need a token (e.g. paid/,film.mkv), or * for everything.");
    public static final Setting<Path> PAYGATE_HMAC_SECRET_FILE = define("paygateHmacSecretFile", Path.class,
            Values::path, null, "(none: no HMAC tokens accepted)",
            "File with one or more HMAC-SHA256 secrets, one base64 line each (at least 32 bytes), for shops "
                    + "that sign with a shared secret instead of Ed25519.");
    public static final Setting<Duration> PAYGATE_CLOCK_SKEW = define("paygateClockSkew", Duration.class,
            Values.durationIn(Duration.ZERO, Duration.ofHours(1)), Duration.ofMinutes(5),
            "Allowance for the shop's and this server's clocks disagreeing, applied to nbf and exp.");
    public static final Setting<Path> PAYGATE_REVOCATION_FILE = define("paygateRevocationFile", Path.class,
            Values::path, null, "(none)",
            "File of revoked tokens ('jti <token id>') and buyers ('sub <subject>'), one per line; re-read "
                    + "when its modification time changes.");
    public static final Setting<Duration> PAYGATE_GRACE = define("paygateGrace", Duration.class,
            Values.durationIn(Duration.ZERO, Duration.ofDays(7)), Duration.ofHours(1),
            "A token used successfully before it expired keeps working this long after exp, so a download "
                    + "in progress is not cut mid-film; 0s switches it off.");
    public static final Setting<Integer> PAYGATE_TOKEN_CACHE_SIZE = define("paygateTokenCacheSize", Integer.class,
            Values.intIn(0, 10_000_000), 10_000,
            "Most verified tokens (and byte-budget counters) kept in memory; 0 verifies every request afresh.");
    public static final Setting<Integer> PAYGATE_DENIED_TOKEN_CACHE_SIZE = define("paygateDeniedTokenCacheSize",
            Integer.class, Values.intIn(0, 10_000_000), 10_000, "Most refused tokens (forged, unknown key, "
                    + "malformed) remembered, so a client retrying one costs a lookup; 0 checks each afresh.");
    public static final Setting<Integer> PAYGATE_MAX_TOKEN_BYTES = define("paygateMaxTokenBytes", Integer.class,
            Values.intIn(128, 8192), 1024, "Longest token accepted; a longer one is refused unread.");

    public static final Setting<Long> BUDGET_CHUNK_BYTES = define("budgetChunkBytes", Long.class,
            Values.sizeIn(16 << 10, 64L << 20), 1L << 20,
            "Bytes of a token's byte budget reserved at a time before they are sent (nothing is sent "
                    + "unreserved, over all connections and servers); an aborted response holds at most this.");
    public static final Setting<Duration> PAYGATE_KEY_RELOAD_INTERVAL = define("paygateKeyReloadInterval",
            Duration.class, Values.durationIn(Duration.ofMillis(100), Duration.ofHours(1)), Duration.ofSeconds(1),
            "How often the key files (paygatePublicKeys, paygateHmacSecretFile) are checked for changes; "
                    + "a changed file is re-read without a restart.");

    // --- several servers (shared state in Redis; needs the webseed-redis module) ------------

    public static final Setting<String> REDIS_URL = define("redisUrl", String.class, Values::redisUrl, "",
            "(none: state in this server's memory)",
            "redis://[user:password@]host:port/db (rediss:// for TLS) of a Redis shared by several servers: "
                    + "swarms, byte budgets, grace memory and revocations. Needs the webseed-redis module.");
    public static final Setting<String> REDIS_KEY_PREFIX = define("redisKeyPrefix", String.class, Values::text,
            "webseed:", "Prefix of every Redis key, so several deployments can share one Redis.");
    public static final Setting<Duration> REDIS_TIMEOUT = define("redisTimeout", Duration.class,
            Values.durationIn(Duration.ofMillis(10), Duration.ofSeconds(30)), Duration.ofMillis(500),
            "Longest wait for one Redis command; past it the request is answered as when Redis is down.");
    public static final Setting<Duration> REDIS_POLL_INTERVAL = define("redisPollInterval", Duration.class,
            Values.durationIn(Duration.ofMillis(100), Duration.ofSeconds(5)), Duration.ofSeconds(1),
            "How old a server's copy of shared state may be: it reads the revocations from Redis this often "
                    + "(in force everywhere within this plus redisTimeout), and a byte budget its own reservation "
                    + "left room in is taken to have room this long (the reservation itself always asks Redis).");
    // --- operator view (/, /stats, /metrics, /status, /health; see dev.webseed.view) ----------

    @SuppressWarnings("unchecked")
    public static final Setting<List<String>> STATS_ALLOW = define("statsAllow",
            (Class<List<String>>) (Class<?>) List.class, Values::list, List.of("127.0.0.0/8", "::1"),
            "Comma-separated addresses or CIDR networks that may read /stats, /metrics and /status (behind "
                    + "trustedProxies the forwarded client address counts); others get 403. / and /health are public.");
    public static final Setting<Integer> STATS_TOP_PUBLICATIONS = define("statsTopPublications", Integer.class,
            Values.intIn(1, 10_000), 100,
            "Most publications in one /stats answer and with their own series in /metrics: the busiest by "
                    + "bytes; bounds the work per call and the label cardinality.");
    public static final Setting<Duration> STATS_WINDOW = define("statsWindow", Duration.class,
            Values.durationIn(Duration.ofSeconds(12), Duration.ofHours(1)), Duration.ofSeconds(60),
            "The recent window of the offload ratio and of the byte rates in /stats and /metrics.");
    public static final Setting<Integer> STATS_MAX_PEERS = define("statsMaxPeers", Integer.class,
            Values.intIn(1, 100_000_000), 100_000,
            "Most peers whose last announced downloaded value is remembered to count the swarm's bytes.");
    public static final Setting<Boolean> LANDING_LIST_PAID = define("landingListPaid", Boolean.class, Values::bool,
            false, "List paygated publications on the landing page / too (their links still need a token).");
    public static final Setting<Integer> LANDING_PAGE_SIZE = define("landingPageSize", Integer.class,
            Values.intIn(1, 10_000), 100, "Publications per page of the landing page /.");

    private Settings() {
    }

    /** Every setting, in documentation order. */
    public static List<Setting<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The setting of that exact lowerCamelCase name. */
    public static Optional<Setting<?>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The setting of that command-line option ({@code --content-root}). */
    public static Optional<Setting<?>> forOption(String option) {
        return BY_NAME.values().stream().filter(s -> s.option().equals(option)).findFirst();
    }

    /**
     * Word-wraps a description at {@code width} columns for the documentation written from this
     * list (command-line help, the web.xml table, the Jetty ini-template); a word longer than the
     * width stands alone on its line.
     */
    public static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * The known name a misspelt one most likely meant: equal ignoring case, or within two edits.
     * Used for "did you mean" hints and to tell a typo from another library's context parameter.
     */
    public static Optional<String> closest(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return BY_NAME.keySet().stream()
                .filter(known -> Spelling.distance(known.toLowerCase(Locale.ROOT), lower) <= 2)
                .findFirst();
    }

    /** A setting whose default is a value; the documented default is that value formatted. */
    private static <T> Setting<T> define(String name, Class<T> type, Function<String, T> parser, T defaultValue,
            String description) {
        return define(name, type, parser, Values::format, defaultValue, null, description);
    }

    /**
     * A setting whose default is not a value a reader could type (optional, derived or
     * machine-dependent): {@code placeholder} says in parentheses what happens without it.
     */
    private static <T> Setting<T> define(String name, Class<T> type, Function<String, T> parser, T defaultValue,
            String placeholder, String description) {
        return define(name, type, parser, Values::format, defaultValue, placeholder, description);
    }

    private static <T> Setting<T> define(String name, Class<T> type, Function<String, T> parser,
            Function<? super T, String> formatter, T defaultValue, String placeholder, String description) {
        Setting<T> setting = new Setting<>(name, type, parser, formatter, defaultValue, placeholder, description);
        if (BY_NAME.putIfAbsent(name, setting) != null) {
            throw new IllegalStateException("duplicate setting " + name);
        }
        return setting;
    }

    @SuppressWarnings("unchecked")
    private static Setting<List<String>> defineList(String name, String placeholder, String description) {
        return define(name, (Class<List<String>>) (Class<?>) List.class, Values::list, List.of(), placeholder,
                description);
    }
}
