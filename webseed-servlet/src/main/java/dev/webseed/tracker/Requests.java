package dev.webseed.tracker;

import java.util.List;
import java.util.Optional;

import dev.webseed.metainfo.InfoHash;

/** Turns decoded queries into validated requests (BEP 3 announce, BEP 48 scrape). */
final class Requests {
    private Requests() {
    }

    /** A validated announce and how the client wants its peers (BEP 23). */
    record AnnounceRequest(Announce announce, boolean compact, boolean noPeerId) {
    }

    /** A validated scrape: the info-hashes asked for, possibly none (full scrape). */
    record ScrapeRequest(List<InfoHash> infoHashes) {
    }

    /**
     * @param address  the peer's address as the tracker sees it (socket or trusted proxy)
     * @param ipParam  whether {@code ip=} may replace it ({@code allowIpParameter})
     */
    static AnnounceRequest announce(Query q, byte[] address, boolean ipParam, int numwantDefault, int numwantMax) {
        InfoHash infoHash = InfoHash.of(exactly20(q, "info_hash"));
        byte[] peerId = exactly20(q, "peer_id");
        long port = number(q, "port", 5).orElseThrow(() -> new TrackerRefusal("missing port"));
        if (port < 1 || port > 65535) {
            throw new TrackerRefusal("invalid port (1 to 65535)");
        }
        number(q, "uploaded", 19);
        number(q, "downloaded", 19);
        Optional<Long> left = number(q, "left", 19);
        Event event = q.single("event").map(Event::parse).orElse(Event.NONE);
        long numwant = number(q, "numwant", 9).orElse((long) numwantDefault);
        // BEP 23: compact is the default; compact=0 asks for the dictionary model
        boolean compact = !q.single("compact").map(v -> v.length == 1 && v[0] == '0').orElse(false);
        boolean noPeerId = q.single("no_peer_id").map(v -> v.length == 1 && v[0] == '1').orElse(false);
        Optional<byte[]> ip = q.single("ip");
        byte[] peer = address;
        if (ipParam && ip.isPresent()) {
            // bep-checklist §1.5 item 4: only when the operator allows it; a literal, never a name
            peer = Addresses.literal(new String(ip.get(), java.nio.charset.StandardCharsets.ISO_8859_1));
            if (peer == null) {
                throw new TrackerRefusal("invalid ip (an IPv4 or IPv6 literal)");
            }
        }
        for (String single : new String[] {"key", "trackerid", "corrupt", "redundant", "supportcrypto"}) {
            q.single(single);
        }
        int wanted = event == Event.STOPPED ? 0 : (int) Math.min(numwant, numwantMax);
        boolean seed = left.isPresent() && left.get() == 0;
        Announce announce = new Announce(infoHash, peerId, peer, (int) port, seed, event, wanted,
                !compact && !noPeerId);
        return new AnnounceRequest(announce, compact, noPeerId);
    }

    static ScrapeRequest scrape(Query q, int maxHashes) {
        List<byte[]> values = q.all("info_hash");
        if (values.size() > maxHashes) {
            throw new TrackerRefusal("too many info_hash values (at most " + maxHashes + ")");
        }
        List<InfoHash> hashes = new java.util.ArrayList<>(values.size());
        for (byte[] v : values) {
            if (v.length != InfoHash.LENGTH) {
                throw new TrackerRefusal("info_hash must be 20 bytes, not " + v.length);
            }
            hashes.add(InfoHash.of(v));
        }
        return new ScrapeRequest(hashes);
    }

    private static byte[] exactly20(Query q, String name) {
        byte[] v = q.single(name).orElseThrow(() -> new TrackerRefusal("missing " + name));
        if (v.length != 20) {
            // T1: info_hash and peer_id are exactly 20 raw bytes
            throw new TrackerRefusal(name + " must be 20 bytes, not " + v.length);
        }
        return v;
    }

    /** A non-negative base-10 number of at most {@code maxDigits} digits (BEP 3), or empty when absent. */
    private static Optional<Long> number(Query q, String name, int maxDigits) {
        Optional<byte[]> raw = q.single(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        byte[] v = raw.get();
        if (v.length == 0 || v.length > maxDigits) {
            throw new TrackerRefusal("invalid " + name);
        }
        long value = 0;
        for (byte b : v) {
            if (b < '0' || b > '9') {
                throw new TrackerRefusal("invalid " + name + " (a non-negative whole number)");
            }
            value = value * 10 + (b - '0');
        }
        return Optional.of(value);
    }
}
