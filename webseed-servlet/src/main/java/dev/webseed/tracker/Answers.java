package dev.webseed.tracker;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.random.RandomGenerator;

import dev.webseed.metainfo.InfoHash;

/**
 * The bencoded bodies the tracker sends (BEP 3 bencoding, keys written in raw byte order): an
 * announce answer, a scrape answer, and a failure.
 */
final class Answers {
    private final long interval;
    private final long minInterval;
    private final long retryInterval;
    private final String trackerId;

    /**
     * @param interval      {@code announceInterval} in seconds
     * @param minInterval   {@code announceMinInterval} in seconds
     * @param retryInterval {@code refusalInterval} in seconds, sent with every failure
     * @param trackerId     {@code trackerId}, empty for none
     */
    Answers(long interval, long minInterval, long retryInterval, String trackerId) {
        this.interval = interval;
        this.minInterval = minInterval;
        this.retryInterval = retryInterval;
        this.trackerId = trackerId;
    }

    /**
     * {@code failure reason} with {@code interval} and {@code min interval} set to the retry
     * interval: libtorrent otherwise waits 1800 s before it asks again (docs/protocol.md T3).
     */
    static byte[] failure(String reason, long retryInterval) {
        return new Out(96 + reason.length()).dict().key("failure reason").string(reason)
                .key("interval").integer(retryInterval).key("min interval").integer(retryInterval)
                .end().toByteArray();
    }

    byte[] failure(String reason) {
        return failure(reason, retryInterval);
    }

    byte[] announce(Requests.AnnounceRequest request, AnnounceResult r, byte[] client, RandomGenerator random) {
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

    /** @param files by info-hash in unsigned byte order, as BEP 3 wants dictionary keys */
    byte[] scrape(SortedMap<InfoHash, SwarmCounts> files) {
        Out out = new Out(64 + files.size() * 90).dict().key("files").dict();
        for (Map.Entry<InfoHash, SwarmCounts> e : files.entrySet()) {
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
