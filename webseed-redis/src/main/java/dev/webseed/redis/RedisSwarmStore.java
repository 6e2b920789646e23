package dev.webseed.redis;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.tracker.Announce;
import dev.webseed.tracker.AnnounceResult;
import dev.webseed.tracker.Event;
import dev.webseed.tracker.SwarmCounts;
import dev.webseed.tracker.SwarmStore;
import dev.webseed.tracker.SwarmTotals;
import dev.webseed.tracker.TrackerFailure;

/**
 * A {@link SwarmStore} in Redis, shared by every origin server behind one load balancer (BEP 12:
 * trackers of one tier share swarm state). One round trip per announce at most: a Lua script ({@code
 * swarm.lua}, by {@code EVALSHA}) prunes expired peers, records the announce, updates the counters
 * and picks the peers, atomically, so the counts never drift however many servers announce at once;
 * concurrent announces of one server share a call ({@link Batches}).
 *
 * <p>Data model, {@code P} = {@code redisKeyPrefix}, {@code H} = info-hash in hex (the braces are
 * a Redis Cluster hash tag keeping one swarm's keys together):</p>
 * <pre>
 * P s:{H}:e   zset  family+peer id -> second of its last announce    (expiry order, Redis 7.0 has
 *                                                                     no per-field hash expiry)
 * P s:{H}:4   hash  peer id -> 6-byte compact IPv4 address+port (BEP 23)
 * P s:{H}:6   hash  peer id -> 18-byte compact IPv6 address+port (BEP 7)
 * P s:{H}:k   hash  peer id -> S (seed) / P (partial seed, BEP 21) / L; one per client, so a
 *                   client announcing over IPv4 and IPv6 counts once
 * P s:{H}:n   hash  S, P, L: counters of k's values; d: completed (BEP 3), once per client;
 *                   t: second of the last TTL renewal; x: the last second its expired entries
 *                   were looked for (once a second is enough); 6: set once an IPv6 entry was
 *                   stored (until then h6 is empty: no HLEN); b, v: the membership stamp (the
 *                   microsecond n was born, and a counter raised whenever an entry comes, goes
 *                   or moves), by which a server knows its kept {@link PeerSample} is still exact
 * P s:{H}:ip  hash  address group (family + IPv4 address or IPv6 /64) -> its entries, for the
 *                   per-address bound and whom a full swarm drops (tracker PeerLimits)
 * P swarms    zset  H -> second of the swarm's last announce (bounded swarms, sweep, scrape)
 * </pre>
 * <p>Seconds are the injected clock's, since the Unix epoch (one epoch for every server). Every swarm key has a TTL of
 * {@code peerTimeout} plus a minute, renewed by each announce, so a swarm nobody announces to
 * leaves Redis even if no server sweeps; a closed tracker keeps {@code n} while {@code d > 0}.</p>
 *
 * <p>When Redis is away or slower than {@code redisTimeout}, an announce or scrape is refused
 * with a {@code failure reason} (the tracker adds {@code refusalInterval}), never a wrong peer.</p>
 */
public final class RedisSwarmStore implements SwarmStore {
    private static final byte[] ANNOUNCE = {'a'};
    private static final byte[] COUNTS = {'c'};
    private static final byte[] FOUR = {'4'};
    private static final byte[] SIX = {'6'};
    private static final byte[] NONE = {};
    /** A swarm's keys, in the order swarm.lua takes them (data model above). */
    private static final String[] SWARM_KEYS = {"e", "4", "6", "k", "n", "ip"};
    private static final int ARGS_PER_ENTRY = 11;
    /** Complete samples kept (one per swarm, at most 2 x numwantMax + 1 peers each). */
    static final int KEPT_SAMPLES = 10_000;
    private static final int SWEEP_BATCH = 1000;

    private final RedisLink redis;
    private final String prefix;
    private final byte[] swarmsKey;
    private final byte[] timeout;
    private final byte[] keep;
    private final Batches batches;
    private final Cache<String, PeerSample> samples = Caffeine.newBuilder().maximumSize(KEPT_SAMPLES).build();
    private volatile SwarmTotals lastTotals = new SwarmTotals(0, 0);

    RedisSwarmStore(RedisLink redis, String prefix, int maxTorrents, int maxPeersPerTorrent, int maxPeersPerAddress,
            Duration peerTimeout, boolean keepCompleted) {
        this.redis = redis;
        this.prefix = prefix;
        this.swarmsKey = RedisLink.bytes(prefix + "swarms");
        long seconds = Math.max(1, peerTimeout.toSeconds());
        this.timeout = RedisLink.bytes(seconds);
        this.keep = keepCompleted ? new byte[] {'1'} : new byte[] {'0'};
        byte[] ttl = RedisLink.bytes(seconds + 120); // renewed at most once a minute (swarm.lua)
        this.batches = new Batches(redis, "swarm", new byte[][] {swarmsKey}, new byte[][] {timeout, ttl, keep,
                RedisLink.bytes(maxPeersPerTorrent), RedisLink.bytes(maxTorrents), RedisLink.bytes(maxPeersPerAddress)},
                SWARM_KEYS.length, ARGS_PER_ENTRY);
    }

    @Override
    public AnnounceResult announce(Announce a, long nowMillis) {
        try {
            return redis.await(announceLater(a, nowMillis));
        } catch (RedisLink.Unavailable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TrackerFailure refused) {
                    throw refused;
                }
            }
            throw new TrackerFailure(TrackerFailure.STATE_UNAVAILABLE);
        }
    }

    /** The announce goes into the next batch (Batches); its answer comes with the batch's reply. */
    @Override
    public CompletableFuture<AnnounceResult> announceLater(Announce a, long nowMillis) {
        String hex = HexFormat.of().formatHex(a.infoHash().bytes());
        byte[] compact = new byte[a.address().length + 2];
        System.arraycopy(a.address(), 0, compact, 0, a.address().length);
        compact[compact.length - 2] = (byte) (a.port() >>> 8);
        compact[compact.length - 1] = (byte) a.port();
        // BEP 21: a paused client with data left is a partial seed; left=0 is a seed whatever it says
        byte state = a.seed() ? (byte) 'S' : a.event() == Event.PAUSED ? (byte) 'P' : (byte) 'L';
        byte event = a.event() == Event.COMPLETED ? (byte) 'c' : a.event() == Event.STOPPED ? (byte) 'x' : (byte) 'n';
        PeerSample kept = samples.getIfPresent(hex);
        int asked = PeerSample.sampleSize(a.numwant());
        return send(hex, nowMillis, ANNOUNCE, a.peerId(), a.address().length == 16 ? SIX : FOUR, compact,
                new byte[] {state}, new byte[] {event}, RedisLink.bytes(a.numwant()), RedisLink.bytes(asked),
                kept == null ? NONE : kept.stamp()).handle((reply, failure) -> {
                    if (failure != null) {
                        throw new TrackerFailure(TrackerFailure.STATE_UNAVAILABLE);
                    }
                    return answer(a, hex, kept, asked, reply);
                });
    }

    /** The answer to an announce from its entry of swarm.lua's reply, and the sample kept or dropped. */
    private AnnounceResult answer(Announce a, String hex, PeerSample kept, int asked, List<Object> reply) {
        if (((Long) reply.get(0)) != 0) {
            throw new TrackerFailure("tracker is full (maxTorrents swarms)");
        }
        byte[] stamp = (byte[]) reply.get(7);
        PeerSample sample;
        if ((Long) reply.get(10) == 1) { // sampled afresh
            sample = PeerSample.of(stamp, list(reply.get(8)), list(reply.get(9)), asked);
            if (sample.complete() && stamp.length > 0) {
                samples.put(hex, sample);
            } else if (kept != null) {
                samples.invalidate(hex);
            }
        } else if (kept != null && Arrays.equals(stamp, kept.stamp())) {
            sample = kept; // still exact
        } else {
            sample = PeerSample.NONE; // no peers asked for, or none to give
        }
        return sample.answer(counts(reply), a.peerId(), (Long) reply.get(5), (Long) reply.get(6), a.numwant(),
                a.wantPeerIds());
    }

    @Override
    public SwarmCounts counts(InfoHash infoHash, long nowMillis) {
        return counts(run(HexFormat.of().formatHex(infoHash.bytes()), nowMillis, COUNTS, NONE, NONE, NONE, NONE,
                NONE, NONE, NONE, NONE));
    }

    @Override
    public void forEach(BiConsumer<InfoHash, SwarmCounts> action) {
        byte[][] fields = {{'S'}, {'P'}, {'L'}, {'d'}};
        for (byte[] hex : call(r -> r.zrange(swarmsKey, 0, -1))) {
            String swarm = new String(hex, US_ASCII);
            List<Long> values = new ArrayList<>(List.of(0L));
            for (KeyValue<byte[], byte[]> v : call(r -> r.hmget(RedisLink.bytes(key(swarm, "n")), fields))) {
                values.add(v.hasValue() ? Long.parseLong(new String(v.getValue(), US_ASCII)) : 0L);
            }
            action.accept(InfoHash.fromHex(swarm), counts(values));
        }
    }

    @Override
    public void expire(long nowMillis) {
        redis.eval("sweep", ScriptOutputType.INTEGER, new byte[][] {swarmsKey}, RedisLink.bytes(prefix),
                RedisLink.bytes(seconds(nowMillis)), timeout, keep, RedisLink.bytes(SWEEP_BATCH));
    }

    /** Walks every swarm; while Redis is away, the last totals read. */
    @Override
    public SwarmTotals totals() {
        try {
            long peers = 0;
            List<byte[]> hashes = redis.call(r -> r.zrange(swarmsKey, 0, -1));
            for (byte[] hex : hashes) {
                byte[] e = RedisLink.bytes(key(new String(hex, US_ASCII), "e"));
                peers += redis.call(r -> r.zcard(e));
            }
            lastTotals = new SwarmTotals(hashes.size(), peers);
        } catch (RedisLink.Unavailable e) {
            // the operator's view keeps its last figures
        }
        return lastTotals;
    }

    @Override
    public void close() {
        // the link belongs to the shared state, which closes it
    }

    /** One entry of swarm.lua's batch: the swarm's six keys; op, hash, now, then the announce's eight. */
    private List<Object> run(String hex, long nowMillis, byte[] op, byte[]... announce) {
        try {
            return redis.await(send(hex, nowMillis, op, announce));
        } catch (RedisLink.Unavailable e) {
            throw new TrackerFailure(TrackerFailure.STATE_UNAVAILABLE);
        }
    }

    private CompletableFuture<List<Object>> send(String hex, long nowMillis, byte[] op, byte[]... announce) {
        byte[][] keys = new byte[SWARM_KEYS.length][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = RedisLink.bytes(key(hex, SWARM_KEYS[i]));
        }
        byte[][] args = new byte[ARGS_PER_ENTRY][];
        args[0] = op;
        args[1] = RedisLink.bytes(hex);
        args[2] = RedisLink.bytes(seconds(nowMillis));
        System.arraycopy(announce, 0, args, 3, announce.length);
        return batches.submit(keys, args);
    }

    private <T> T call(Function<RedisCommands<byte[], byte[]>, T> command) {
        try {
            return redis.call(command);
        } catch (RedisLink.Unavailable e) {
            throw new TrackerFailure(TrackerFailure.STATE_UNAVAILABLE);
        }
    }

    private String key(String hex, String part) {
        return prefix + "s:{" + hex + "}:" + part;
    }

    private long seconds(long nowMillis) {
        return Math.floorDiv(nowMillis, 1000); // one epoch for every server: the Unix epoch
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> list(Object sample) {
        return (List<byte[]>) sample;
    }

    /** The counters at {@code reply[1..4]}: S, P, L, d (swarm.lua). */
    private static SwarmCounts counts(List<?> reply) {
        long seeds = (Long) reply.get(1);
        long paused = (Long) reply.get(2);
        long leechers = (Long) reply.get(3);
        return new SwarmCounts((int) seeds, (int) (paused + leechers), (Long) reply.get(4), (int) leechers);
    }
}
