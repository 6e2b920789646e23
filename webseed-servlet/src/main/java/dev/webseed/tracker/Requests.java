package dev.webseed.tracker;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.webseed.metainfo.InfoHash;

/** Turns decoded queries into validated requests (BEP 3 announce, BEP 48 scrape). */
final class Requests {
    private Requests() {
    }

    /** A validated announce and how the client wants its peers (BEP 23). */
    record AnnounceRequest(Announce announce, boolean compact, boolean noPeerId, long downloaded) {
    }

    /** A validated scrape: the info-hashes asked for, possibly none (full scrape). */
    record ScrapeRequest(List<InfoHash> infoHashes) {
    }

    /**
     * @param address  the peer's address as the tracker sees it (socket or trusted proxy)
     * @param ipParam  whether {@code ip=} may replace it ({@code allowIpParameter})
     */
    static AnnounceRequest announce(Query q, byte[] address, boolean ipParam, int numwantDefault, int numwantMax) {
        byte[] infoHash = null;
        byte[] peerId = null;
        byte[] ip = null;
        long port = -1;
        long left = -1;
        long downloaded = 0;
        long numwant = numwantDefault;
        Event event = Event.NONE;
        boolean compact = true;
        boolean noPeerId = false;
        int seen = 0;
        // one pass over the parameters (an announce is the hot path); each known one at most once
        for (int i = 0; i < q.size(); i++) {
            String name = q.name(i);
            byte[] v = q.value(i);
            int bit;
            switch (name) {
                case "info_hash" -> {
                    bit = 1;
                    infoHash = v;
                }
                case "peer_id" -> {
                    bit = 1 << 1;
                    peerId = v;
                }
                case "port" -> {
                    bit = 1 << 2;
                    port = number(name, v, 5);
                }
                case "uploaded" -> {
                    bit = 1 << 3;
                    number(name, v, 19);
                }
                case "downloaded" -> {
                    bit = 1 << 4;
                    downloaded = number(name, v, 19);
                }
                case "left" -> {
                    bit = 1 << 5;
                    left = number(name, v, 19);
                }
                case "event" -> {
                    bit = 1 << 6;
                    event = Event.parse(v);
                }
                case "numwant" -> {
                    bit = 1 << 7;
                    numwant = number(name, v, 9);
                }
                case "compact" -> {
                    // BEP 23: compact is the default; compact=0 asks for the dictionary model
                    bit = 1 << 8;
                    compact = !(v.length == 1 && v[0] == '0');
                }
                case "no_peer_id" -> {
                    bit = 1 << 9;
                    noPeerId = v.length == 1 && v[0] == '1';
                }
                case "ip" -> {
                    bit = 1 << 10;
                    ip = v;
                }
                case "key" -> bit = 1 << 11;
                case "trackerid" -> bit = 1 << 12;
                case "corrupt" -> bit = 1 << 13;
                case "redundant" -> bit = 1 << 14;
                case "supportcrypto" -> bit = 1 << 15;
                default -> bit = 0; // requirecrypto, ipv4=, ipv6= and extensions: ignored
            }
            if ((seen & bit) != 0) {
                throw new TrackerRefusal("parameter " + name + " repeated");
            }
            seen |= bit;
        }
        InfoHash hash = InfoHash.of(exactly20("info_hash", infoHash));
        exactly20("peer_id", peerId);
        if (port < 0) {
            throw new TrackerRefusal("missing port");
        }
        if (port < 1 || port > 65535) {
            throw new TrackerRefusal("invalid port (1 to 65535)");
        }
        byte[] peer = address;
        if (ipParam && ip != null) {
            // bep-checklist §1.5 item 4: only when the operator allows it; a literal, never a name
            peer = Addresses.literal(new String(ip, StandardCharsets.ISO_8859_1));
            if (peer == null) {
                throw new TrackerRefusal("invalid ip (an IPv4 or IPv6 literal)");
            }
        }
        int wanted = event == Event.STOPPED ? 0 : (int) Math.min(numwant, numwantMax);
        Announce announce = new Announce(hash, peerId, peer, (int) port, left == 0, event, wanted,
                !compact && !noPeerId);
        return new AnnounceRequest(announce, compact, noPeerId, downloaded);
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

    private static byte[] exactly20(String name, byte[] v) {
        if (v == null) {
            throw new TrackerRefusal("missing " + name);
        }
        if (v.length != 20) {
            // T1: info_hash and peer_id are exactly 20 raw bytes
            throw new TrackerRefusal(name + " must be 20 bytes, not " + v.length);
        }
        return v;
    }

    /** A non-negative base-10 number of at most {@code maxDigits} digits (BEP 3). */
    private static long number(String name, byte[] v, int maxDigits) {
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
        return value;
    }
}
